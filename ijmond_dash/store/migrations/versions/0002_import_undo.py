"""import undo: who undid an import, and the per-row changes of every import

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ongedaan_gemaakt_door", sa.String(length=300), nullable=True))

    op.create_table(
        "import_wijziging",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=100), nullable=False),
        sa.Column("rij_id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("oude_waarden", sa.Text(), nullable=True),
        sa.Column("oude_import_batch_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_batch_id"], ["import_batch.id"], name=op.f("fk_import_wijziging_import_batch_id_import_batch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_wijziging")),
    )
    with op.batch_alter_table("import_wijziging", schema=None) as batch_op:
        batch_op.create_index("ix_import_wijziging_batch", ["import_batch_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_wijziging", schema=None) as batch_op:
        batch_op.drop_index("ix_import_wijziging_batch")
    op.drop_table("import_wijziging")
    with op.batch_alter_table("import_batch", schema=None) as batch_op:
        batch_op.drop_column("ongedaan_gemaakt_door")
