"""trajectevent neighbours: each event stores what the previous and next fase of its client are

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

queries.fase_overgangen reads these columns instead of running LAG/LEAD over every event on
each page view; trajecten.buren_bijwerken keeps them up to date when events are written. The
backfill below is the same window, once, over the rows already present.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# neighbours among one client's events of one kind (synthetisch), in the order (startdatum, id)
BACKFILL = """
UPDATE trajectevent
SET vorige_uit = b.vorige_uit, volgende_fase = b.volgende_fase, volgende_start = b.volgende_start
FROM (
    SELECT id,
           LAG(CASE WHEN uitstroomreden IS NULL THEN 0 ELSE 1 END) OVER k AS vorige_uit,
           LEAD(fase) OVER k AS volgende_fase,
           LEAD(startdatum) OVER k AS volgende_start
    FROM trajectevent
    WINDOW k AS (PARTITION BY client_pseudoniem, synthetisch ORDER BY startdatum, id)
) AS b
WHERE trajectevent.id = b.id AND (b.vorige_uit IS NOT NULL OR b.volgende_start IS NOT NULL)
"""


def upgrade() -> None:
    with op.batch_alter_table("trajectevent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vorige_uit", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("volgende_fase", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("volgende_start", sa.Date(), nullable=True))
    op.execute(sa.text(BACKFILL))


def downgrade() -> None:
    with op.batch_alter_table("trajectevent", schema=None) as batch_op:
        batch_op.drop_column("volgende_start")
        batch_op.drop_column("volgende_fase")
        batch_op.drop_column("vorige_uit")
