"""SQL on the hottest path (every portal request authenticates its token, every application is one insert).

`PrecompiledQuery`: a read whose SQL Django builds once per process instead of once per call: compiling a
three-table select_related costs more than running it (0.5 ms against 0.25 ms on the 2026-12 machine).

    TOKEN = PrecompiledQuery(lambda digest: ApiToken.objects.select_related("user").filter(digest=digest))
    token = TOKEN.first(digest_value)

The queryset is built once with markers in place of the arguments; each call runs the compiled SQL with the
arguments in the markers' places and builds the objects as the ORM does (converters, select_related
populators). Only for plain filters on the arguments: a marker that a lookup transforms (`__contains`,
`__startswith`, …) is refused when the plan is made, because the compiled value would no longer be the marker.
`tests/core/test_precompiled.py` checks the results equal the ORM's.

`bound_cursor()`: a cursor whose parameters travel apart from the SQL (server-side binding). Django's default
cursor quotes every parameter into the text in Python (a fifth of the CPU of an application's insert of ~60
values); bound, psycopg dumps them in C and prepares a statement after its fifth use (settings'
PREPARE_THRESHOLD: Django leaves preparing off unless told), so PostgreSQL stops parsing and planning it too.
Only for the few fixed statements of the hot path: Django's own queries keep client-side binding, which some
of their SQL needs.
"""

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

# The primary: these reads decide what a request may write (a token read from a lagging replica could be
# one revoked a moment ago).
DATABASE = "default"


class _Marker(str):
    """An argument's place in the compiled parameters (a str survives a CharField's preparation unchanged)."""


@dataclass(frozen=True)
class _Plan:
    sql: str
    params: tuple  # the compiled parameters, markers where the arguments go
    slots: tuple[tuple[int, int], ...]  # (parameter index, argument index)
    compiler: SQLCompiler
    converters: dict
    model: type[Model]
    init_list: list[str]
    start: int
    end: int
    populators: list


class PrecompiledQuery:
    def __init__(self, build: Callable[..., QuerySet], arity: int = 1):
        self._build = build
        self._arity = arity
        self._plan_made: _Plan | None = None
        self._lock = threading.Lock()

    def first(self, *args) -> Model | None:
        """The first row as a model instance (with its select_related objects), or None."""
        if len(args) != self._arity:
            raise TypeError(f"expected {self._arity} arguments, got {len(args)}")
        plan = self._plan_made or self._plan()
        params = list(plan.params)
        for param_index, arg_index in plan.slots:
            params[param_index] = args[arg_index]
        with bound_cursor() as cursor:
            cursor.execute(plan.sql, params)
            row = cursor.fetchone()
        if row is None:
            return None
        if plan.converters:
            row = next(iter(plan.compiler.apply_converters([row], plan.converters)))
        obj = plan.model.from_db(DATABASE, plan.init_list, row[plan.start : plan.end])
        for populator in plan.populators:
            populator.populate(row, obj)
        return obj

    def _plan(self) -> _Plan:
        with self._lock:
            if self._plan_made is not None:
                return self._plan_made
            markers = [_Marker(f"\x00precompiled-argument-{i}\x00") for i in range(self._arity)]
            queryset = self._build(*markers)[:1]
            compiler = queryset.query.get_compiler(using=DATABASE)
            sql, params = compiler.as_sql()
            slots = tuple(
                (index, markers.index(value))
                for index, value in enumerate(params)
                if isinstance(value, str) and value in markers
            )
            if sorted(arg for _index, arg in slots) != list(range(self._arity)):
                raise ValueError(
                    "every argument must reach the SQL unchanged, once: use plain equality filters"
                )
            select, klass_info = compiler.select, compiler.klass_info
            fields = klass_info["select_fields"]
            plan = _Plan(
                sql=sql,
                params=tuple(params),
                slots=slots,
                compiler=compiler,
                converters=compiler.get_converters([column for column, _sql, _alias in select]),
                model=klass_info["model"],
                init_list=[
                    column.target.attname for column, _sql, _alias in select[fields[0] : fields[-1] + 1]
                ],
                start=fields[0],
                end=fields[-1] + 1,
                populators=get_related_populators(klass_info, select, DATABASE),
            )
            self._plan_made = plan
            return plan


@contextlib.contextmanager
def bound_cursor(*, raw: bool = False):
    """A cursor of the default database with server-side binding on PostgreSQL (elsewhere Django's own),
    wrapped as Django wraps its cursors: errors become Django's, and query logging and counting see it.
    `raw`: the SQL uses PostgreSQL's own placeholders ($1, $2, …), which psycopg passes on without parsing the
    statement (it re-parses statements of over 50 parameters on every call)."""
    # The wrapper itself, looked up once: each attribute read through `django.db.connection` is a lookup in
    # asgiref's context-local storage.
    connection = connections[DATABASE]
    if connection.vendor != "postgresql":
        if raw:
            raise NotImplementedError("$n placeholders are PostgreSQL's")
        with connection.cursor() as cursor:
            yield cursor
        return
    import psycopg
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor_class = psycopg.RawCursor if raw else ServerBindingCursor
        cursor = connection._prepare_cursor(cursor_class(connection.connection))
    with cursor:
        yield cursor
