from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from auxpolice.core import people
from auxpolice.core.audit import authored
from auxpolice.core.crypto import blind_index, encrypt_bytes
from auxpolice.core.errors import Conflict, DomainError, NotPermitted
from auxpolice.core.models import Agency, Category, User
from auxpolice.core.scoping import Action, can
from auxpolice.rules.idnumber import parse_id_number
from headcount.errors import QuotaExceeded
from headcount.models import Quota
from headcount.services import quotas

from ..models import AuxiliaryOfficer, OfficerStatus, PersonnelImport, SensitiveAccess
from ..tasks import run_import


def id_number_index(id_number: str) -> str:
    return blind_index(parse_id_number(id_number).value, purpose="id_number")


def id_number_tail_index(canonical: str) -> str:
    """The blind index of the last six characters of a canonical ID number (searches by them)."""
    return blind_index(canonical[-6:], purpose="id_number_tail")


@dataclass(frozen=True)
class NewAuxiliary:
    """Who comes into post: identity (birth date and sex are read from the ID number) and the first post."""

    full_name: str
    id_number: str
    category: str
    hired_on: date
    post: str = ""
    phone: str = ""
    badge_number: str = ""
    status: str = OfficerStatus.PROBATION


@transaction.atomic
def auxiliary_create(
    *,
    actor: User,
    agency: Agency,
    person: NewAuxiliary,
    quota: Quota | None = None,
    from_reservation: bool = False,
) -> AuxiliaryOfficer:
    """Enter a person into post. Takes one place of the agency's quota for the hiring year (or, when
    hiring through a plan, one place the plan reserved in its quota) in the same transaction, so nobody
    is ever in post beyond an approved quota."""
    full_name, id_number, category, hired_on = (
        person.full_name,
        person.id_number,
        person.category,
        person.hired_on,
    )
    post, phone, badge_number, status = person.post, person.phone, person.badge_number, person.status
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    full_name = people.canonical_name(full_name)
    phone = people.canonical_mobile(phone, required=False)
    if category not in Category.values:
        raise DomainError(_("Choose civilian or service."), field="category")
    if status not in (OfficerStatus.PROBATION, OfficerStatus.IN_POST):
        raise DomainError(_("A new record starts on probation or in post."), field="status")
    parsed = parse_id_number(id_number)
    index = blind_index(parsed.value, purpose="id_number")
    earlier = AuxiliaryOfficer.objects.select_for_update().filter(id_number_index=index).first()
    if earlier is not None and earlier.status != OfficerStatus.SEPARATED:
        raise Conflict(
            _("A personnel record with this resident ID number already exists."), field="id_number"
        )
    quota = quota or Quota.objects.filter(agency=agency, year=hired_on.year).first()
    if quota is None or quota.version == 0:
        raise QuotaExceeded(
            _("%(agency)s has no approved quota for %(year)s.")
            % {"agency": agency.name, "year": hired_on.year},
            field="hired_on",
        )
    quotas.quota_take_place(
        quota_id=quota.pk, category=category, actor=actor, from_reservation=from_reservation
    )
    if earlier is not None:
        # Someone who left before and is hired again keeps one record: their history, past contracts,
        # separations and conduct stay with them.
        return _rehire(
            earlier,
            actor=actor,
            agency=agency,
            quota=quota,
            full_name=full_name,
            category=category,
            status=status,
            post=post,
            phone=phone,
            badge_number=badge_number,
            hired_on=hired_on,
        )
    officer = AuxiliaryOfficer(
        agency=agency,
        quota=quota,
        full_name=full_name,
        id_number=parsed.value,
        id_number_index=index,
        id_number_tail_index=id_number_tail_index(parsed.value),
        id_number_masked=parsed.masked,
        birth_date=parsed.birth_date,
        sex=parsed.sex,
        category=category,
        status=status,
        post=post,
        phone=phone,
        badge_number=badge_number,
        hired_on=hired_on,
        created_by=actor,
    )
    authored(officer, actor)
    try:
        with transaction.atomic():
            officer.save()
    except IntegrityError:
        raise Conflict(
            _("A personnel record with this resident ID number already exists."), field="id_number"
        ) from None
    return officer


def _rehire(officer: AuxiliaryOfficer, *, actor: User, **fields) -> AuxiliaryOfficer:
    for name, value in fields.items():
        setattr(officer, name, value)
    officer.separated_on = None
    authored(officer, actor)
    officer.save(update_fields=[*fields, "separated_on"])
    return officer


def id_number_reveal(*, actor: User, officer: AuxiliaryOfficer, address: str | None = None) -> str:
    """The full ID number, for staff granted it; every reveal is logged with who, whom and when."""
    if not (can(actor, Action.VIEW, officer.agency) and actor.has_perm("personnel.view_full_id_number")):
        raise NotPermitted(_("Your account may not see resident ID numbers in full."))
    SensitiveAccess.objects.create(user=actor, officer=officer, field="id_number", address=address)
    return officer.id_number


MAX_IMPORT_BYTES = 10 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def import_start(*, actor: User, agency: Agency, upload) -> PersonnelImport:
    """Store the workbook outside the web root and queue the import after the transaction commits."""
    if not can(actor, Action.CHANGE, agency):
        raise NotPermitted()
    if upload.size > MAX_IMPORT_BYTES:
        raise DomainError(_("The file is larger than 10 MB."), field="workbook")
    head = upload.read(4)
    upload.seek(0)
    if not upload.name.lower().endswith(".xlsx") or head != XLSX_MAGIC:
        raise DomainError(_("Upload the Excel template (.xlsx)."), field="workbook")
    with transaction.atomic():
        # Encrypted while it waits (it holds ID numbers in clear); deleted when the import finishes or fails.
        sealed = ContentFile(encrypt_bytes(upload.read()), name="workbook.xlsx.enc")
        job = PersonnelImport(agency=agency, uploaded_by=actor, workbook=sealed)
        authored(job, actor)
        job.save()
        transaction.on_commit(lambda: run_import.delay(job.pk))
    return job


PHOTO_MAGIC = {b"\xff\xd8\xff": ".jpg", b"\x89PNG": ".png"}
MAX_PHOTO_BYTES = 2 * 1024 * 1024
DETAIL_FIELDS = ("post", "badge_number", "phone", "education", "emergency_contact", "emergency_phone")


@transaction.atomic
def auxiliary_update(*, actor: User, officer: AuxiliaryOfficer, photo=None, **changes) -> AuxiliaryOfficer:
    """Change a person's details (not identity: the ID number, birth date and sex come from the number)."""
    officer = AuxiliaryOfficer.objects.select_for_update().select_related("agency").get(pk=officer.pk)
    if not can(actor, Action.CHANGE, officer.agency):
        raise NotPermitted()
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise DomainError(_("This field cannot be changed."), field=sorted(unknown)[0])
    if "phone" in changes:
        changes["phone"] = people.canonical_mobile(changes["phone"], required=False)
    if "emergency_phone" in changes:
        changes["emergency_phone"] = people.canonical_contact_phone(
            changes["emergency_phone"], field="emergency_phone"
        )
    changed = [field for field, value in changes.items() if getattr(officer, field) != value]
    for field in changed:
        setattr(officer, field, changes[field])
    if photo is not None:
        if photo.size > MAX_PHOTO_BYTES:
            raise DomainError(_("The photo is larger than 2 MB."), field="photo")
        head = photo.read(4)
        photo.seek(0)
        if not any(head.startswith(magic) for magic in PHOTO_MAGIC):
            raise DomainError(_("Upload a JPEG or PNG photo."), field="photo")
        officer.photo = photo
        changed.append("photo")
    if changed:
        authored(officer, actor)
        officer.save(update_fields=changed)
    return officer
