"""Wire shapes of the administrator endpoints (/v1/admin): accounts, desks, catalogue
versions, calendar days. Same conventions as central_api.schemas: snake_case, RFC 3339
times with +07:00, and never a password or a key hash on the way out."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from central_api.schemas import AGENCY_CODE_PATTERN, DESK_ID_PATTERN, Role, Strict

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,63}$"
"""Lower case only, so two accounts cannot differ by case alone (canbo01 / CanBo01)."""
MIN_PASSWORD_LENGTH = 8

Username = Annotated[str, Field(pattern=USERNAME_PATTERN, description="lower-case letters, digits, . _ -")]
SiteCode = Annotated[str, Field(pattern=AGENCY_CODE_PATTERN, description="the site's QCVN 102 agency code")]
FullName = Annotated[str, Field(min_length=1, max_length=200)]
Password = Annotated[str, Field(min_length=MIN_PASSWORD_LENGTH, max_length=256)]
Instant = Annotated[str, Field(description="RFC 3339 with offset")]


# accounts -----------------------------------------------------------------------------


class AdminUserOut(BaseModel):
    username: str
    full_name: str
    role: Role
    site_code: str
    active: bool
    failed_logins: int = Field(description="consecutive failed logins since the last success or lock")
    locked_until: Instant | None = Field(description="set while the account is locked out")
    created_at: Instant


class UserList(BaseModel):
    items: list[AdminUserOut]


class UserCreate(Strict):
    username: Username
    full_name: FullName
    role: Role
    site_code: SiteCode
    password: Password = Field(description=f"initial password, at least {MIN_PASSWORD_LENGTH} characters")


class UserChange(Strict):
    """Only the fields sent change. A change of role or site, or a deactivation, ends the
    account's open sessions: it logs in again under the new terms."""

    full_name: FullName | None = None
    role: Role | None = None
    site_code: SiteCode | None = None
    active: bool | None = None

    @model_validator(mode="after")
    def _something(self) -> UserChange:
        if not self.model_fields_set:
            raise ValueError("send at least one of full_name, role, site_code, active")
        for name in self.model_fields_set:
            if getattr(self, name) is None:
                raise ValueError(f"{name} cannot be null")
        return self


class PasswordReset(Strict):
    password: Password


# desks --------------------------------------------------------------------------------


class DeskEnrol(Strict):
    desk_id: Annotated[str, Field(pattern=DESK_ID_PATTERN)]
    site_code: SiteCode


class DeskOut(BaseModel):
    desk_id: str
    site_code: str
    enrolled: bool = Field(description="an administrator gave it a desk key")
    active: bool
    enrolled_by: str | None
    enrolled_at: Instant | None
    last_username: str = Field(description="who logged in there last; empty before the first login")
    first_seen_at: Instant
    last_seen_at: Instant


class DeskList(BaseModel):
    items: list[DeskOut]


class DeskKeyOut(BaseModel):
    desk_id: str
    site_code: str
    desk_key: str = Field(description="shown this once; the server keeps only a hash. Enter it on the desk.")
    enrolled_at: Instant


# catalogue ----------------------------------------------------------------------------


class CatalogueVersionOut(BaseModel):
    version: str
    state: Literal["draft", "published"]
    etag: str
    procedure_count: int
    created_at: Instant
    published_at: Instant | None
    published_by: str | None
    current: bool = Field(description="the version GET /v1/catalogue serves")


class CatalogueVersionList(BaseModel):
    items: list[CatalogueVersionOut]


# calendar -----------------------------------------------------------------------------


class CalendarDayIn(Strict):
    kind: Literal["off", "work"] = Field(description="off: a day off on a working day; work: a working weekend day")
    name: Annotated[str, Field(min_length=1, max_length=200)]
    note: Annotated[str, Field(max_length=2000)] = ""
    confirmed: bool = True
