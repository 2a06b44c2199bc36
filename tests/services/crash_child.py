"""Child process of the crash test: imports many residents in ONE transaction, then says done.

Run as ``python tests/services/crash_child.py DB PREFIX HOUSEHOLDS``. The parent kills it with
SIGKILL at random moments; whatever the moment, the database must hold all or none of it.
(When the importer of the import issue lands, the parent can run ``gridkeeper import``.)
"""

from __future__ import annotations

import sys
from datetime import date

from gridkeeper.domain.register import HouseholdDraft, ResidentDraft, check_household
from gridkeeper.domain.roles import SYSTEM
from gridkeeper.services.register import save_household
from gridkeeper.settings import resolve_database
from gridkeeper.storage.database import Database


def main() -> None:
    location, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    db = Database(resolve_database(location))  # the parent made and migrated it
    print("started", flush=True)
    with db.transaction() as session:
        for n in range(count):
            draft = check_household(HouseholdDraft(
                code=f"{prefix}-{n:05d}", grid=f"网格{n % 7}", estate="阳光小区", building=str(n % 40),
                unit=1 + n % 3, floor=1 + n % 18, room=f"{1 + n % 18}{n % 4:02d}",
                registered_on=date(2020, 1, 1),
                residents=(ResidentDraft(name="张伟", is_head=True),
                           ResidentDraft(name="李娜", relation="配偶")),
            ))
            save_household(session, SYSTEM, draft)
    print("done", flush=True)


if __name__ == "__main__":
    main()
