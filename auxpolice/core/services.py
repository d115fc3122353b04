from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import sheet_imports
from .accounts import ADMINISTRATOR_ROLES, account_change_log
from .audit import authored
from .crypto import encrypt_bytes
from .errors import Conflict, DomainError, NotPermitted
from .models import AGENCY_BOUND_ROLES, PATH_SEPARATOR, Agency, AgencyLevel, Role, SheetImport, User
from .scoping import Action, can, may_configure
from .tasks import run_sheet_import

# Which level may sit directly under which; internal units hang under any bureau.
CHILD_LEVELS = {
    AgencyLevel.PROVINCE: {AgencyLevel.PREFECTURE, AgencyLevel.INTERNAL_UNIT},
    AgencyLevel.PREFECTURE: {AgencyLevel.COUNTY, AgencyLevel.STATION, AgencyLevel.INTERNAL_UNIT},
    AgencyLevel.COUNTY: {AgencyLevel.STATION, AgencyLevel.INTERNAL_UNIT},
    AgencyLevel.STATION: set(),
    AgencyLevel.INTERNAL_UNIT: set(),
}
ROOT_LEVELS = {AgencyLevel.PROVINCE, AgencyLevel.PREFECTURE}

AGENCY_EDITABLE_FIELDS = ("name", "address", "phone", "is_active")


def _full_clean(instance, exclude=()):
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from exc


def agency_placement_check(*, level: str, parent: Agency | None, jurisdiction: str | None) -> str | None:
    """Where an agency may sit in the tree; returns the jurisdiction it takes."""
    if parent is None and level not in ROOT_LEVELS:
        raise DomainError(_("An agency of this level needs a superior agency."), field="parent")
    if parent is None:
        return jurisdiction
    if level not in CHILD_LEVELS[AgencyLevel(parent.level)]:
        raise DomainError(
            _("A %(level)s cannot be placed under a %(parent_level)s.")
            % {"level": AgencyLevel(level).label, "parent_level": AgencyLevel(parent.level).label},
            field="level",
        )
    # Regulations bind a whole region: a subordinate agency follows its superior's rules.
    if jurisdiction and jurisdiction != parent.jurisdiction:
        raise DomainError(
            _("A subordinate agency must be in the same jurisdiction as its superior."),
            field="jurisdiction",
        )
    return parent.jurisdiction


def agency_create(
    *,
    actor: User,
    code: str,
    name: str,
    level: str,
    jurisdiction: str | None = None,
    parent: Agency | None = None,
    address: str = "",
    phone: str = "",
) -> Agency:
    """Create an agency. Only system administrators shape the tree."""
    if actor is not None and not (actor.is_superuser or actor.role == Role.SYSADMIN):
        raise NotPermitted(_("Only system administrators may create agencies."))
    jurisdiction = agency_placement_check(level=level, parent=parent, jurisdiction=jurisdiction)
    agency = Agency(
        code=code,
        name=name,
        level=level,
        jurisdiction=jurisdiction or "",
        parent=parent,
        path=(parent.path if parent else "") + code + PATH_SEPARATOR,
        address=address,
        phone=phone,
    )
    _full_clean(agency)
    authored(agency, actor)
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError as exc:
        raise Conflict(
            _("An agency with code %(code)s already exists.") % {"code": code}, field="code"
        ) from exc
    return agency


def agency_update(*, actor: User, agency: Agency, **changes) -> Agency:
    if not may_configure(actor, agency):
        raise NotPermitted()
    unknown = set(changes) - set(AGENCY_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("This field cannot be changed."), field=sorted(unknown)[0])
    changed = [field for field, value in changes.items() if getattr(agency, field) != value]
    if not changed:
        return agency
    for field in changed:
        setattr(agency, field, changes[field])
    try:
        _full_clean(agency, exclude=["code"])
    except DomainError:
        agency.refresh_from_db(fields=changed)
        raise
    authored(agency, actor)
    with transaction.atomic():
        agency.save(update_fields=changed)
    return agency


def staff_user_create(
    *,
    actor: User,
    username: str,
    password: str,
    role: str,
    agency: Agency | None,
    full_name: str = "",
    email: str = "",
) -> User:
    if actor is not None and actor.role != Role.SECURITY_ADMIN:
        raise NotPermitted(_("Only security administrators create accounts (三员分立)."))
    if actor is not None and role in ADMINISTRATOR_ROLES:
        raise NotPermitted(
            _(
                "Administrator accounts are created and changed on the server by the operator, not in "
                "the application (三员分立)."
            ),
            field="role",
        )
    if role == Role.APPLICANT:
        raise DomainError(_("Applicants register themselves on the portal."), field="role")
    if role in AGENCY_BOUND_ROLES and agency is None:
        raise DomainError(_("This role belongs to an agency: choose one."), field="agency")
    user = _user_create(
        actor=actor,
        username=username,
        password=password,
        role=role,
        agency=agency,
        full_name=full_name,
        email=email,
    )
    created = f"{role} {agency.code if agency else ''}".strip()
    account_change_log(actor=actor, user=user, changes={"created": ("", created)})
    return user


def applicant_register(
    *, username: str, password_hash: str, full_name: str, email: str = "", phone: str = ""
) -> User:
    """Self-registration on the recruitment portal, once the phone is verified (core.registration): the
    password was checked against the policy and hashed at the first step."""
    return _user_create(
        actor=None,
        username=username,
        password=None,
        password_hash=password_hash,
        role=Role.APPLICANT,
        agency=None,
        full_name=full_name,
        email=email,
        phone=phone,
    )


def _user_create(
    *, actor: User | None, username, password, role, agency, full_name, email, phone="", password_hash=None
) -> User:
    user = User(username=username, role=role, agency=agency, full_name=full_name, email=email, phone=phone)
    # 三员分立: the system and security administrators each reach their own part of the admin site; nobody is
    # a superuser (createsuperuser stays for a break-glass bootstrap only).
    user.is_staff = role in (Role.SYSADMIN, Role.SECURITY_ADMIN)
    user.is_superuser = False
    if password_hash is not None:
        user.password = password_hash
        user.password_changed_at = timezone.now()
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from exc
        user.set_password(password)
    _full_clean(user, exclude=["password"])
    # Self-registration: the new account is its own author in the audit trail.
    authored(user, actor or user)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        raise Conflict(_("This username is taken."), field="username") from exc
    return user


SHEET_MAX_BYTES = 10 * 1024 * 1024


def sheet_import_start(
    *, actor: User, kind: str, agency, target: dict, upload, back_url: str = ""
) -> SheetImport:
    """Keep the workbook (encrypted) and queue its import once the transaction commits."""
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if kind not in sheet_imports.HANDLERS:
        raise DomainError(_("Unknown kind of import."))
    if upload is None or upload.size > SHEET_MAX_BYTES:
        raise DomainError(_("Upload a workbook (.xlsx) of at most 10 MB."), field="workbook")
    content = upload.read()
    if not upload.name.lower().endswith(".xlsx") or not content.startswith(b"PK\x03\x04"):
        raise DomainError(_("Upload the Excel template (.xlsx)."), field="workbook")
    back_url = back_url if back_url.startswith("/") and not back_url.startswith("//") else ""
    with transaction.atomic():
        job = SheetImport(
            kind=kind,
            target=target,
            agency=agency,
            uploaded_by=actor,
            back_url=back_url,
            workbook=ContentFile(encrypt_bytes(content), name="workbook.xlsx.enc"),
        )
        authored(job, actor)
        job.save()
        transaction.on_commit(lambda: run_sheet_import.delay(job.pk))
    return job
