"""All mapped tables. Importing this package registers every table on ``Base.metadata``."""

from gridkeeper.storage.models.base import Base
from gridkeeper.storage.models.register import (
    Building,
    CampaignList,
    Category,
    CategoryAssignment,
    Community,
    Estate,
    Grid,
    Household,
    HouseholdEvent,
    Resident,
    StairwellContact,
    Worker,
)
from gridkeeper.storage.models.security import AuditEntry, Setting, User, UserGrid
from gridkeeper.storage.models.work import (
    Need,
    NeedCategory,
    NeedEvent,
    NeedHelper,
    PrintedRoster,
    RosterSheet,
    RosterSheetLine,
    SpotCheck,
    Visit,
    VisitParticipant,
)

__all__ = [
    "AuditEntry", "Base", "Building", "CampaignList", "Category", "CategoryAssignment",
    "Community", "Estate", "Grid", "Household", "HouseholdEvent", "Need", "NeedCategory",
    "NeedEvent", "NeedHelper", "PrintedRoster", "Resident", "RosterSheet", "RosterSheetLine",
    "Setting", "SpotCheck", "StairwellContact", "User", "UserGrid", "Visit", "VisitParticipant",
    "Worker",
]
