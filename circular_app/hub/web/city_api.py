"""The city's API: KPI figures and the registry for city staff, and the plan for associations.

A FastAPI application of its own, with its own schema at ``/api/v1/city/openapi.json``, so
the association sync contract (``/api/v1/openapi.json``) stays exactly what desktops use.
:class:`circular_app.hub.web.app.HubApp` sends ``/api/v1/city/*`` and ``/api/v1/action-plan`` here.

City staff authenticate with ``POST /api/v1/city/login`` and a bearer token that only these
routes accept; the association API and the reader pages do not know it. Every answer here is
an aggregate or registry data: no circular text, no household, no reader link.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from circular_app import __version__
from circular_app.domain.action_plan import ActionPlanError, PlanProblem
from circular_app.domain.errors import ConflictError, CsvImportError, NotFoundError, UserError
from circular_app.hub.schemas import StorableText
from circular_app.hub.services.city import CityUser
from circular_app.hub.services.registry import AssociationRef
from circular_app.hub.web.bundle import HubServices

CITY_PREFIX = "/api/v1/city"
PLAN_PATH = "/api/v1/action-plan"
IMPORT_PATHS = (f"{CITY_PREFIX}/registry/import", f"{CITY_PREFIX}/action-plan")


def is_city_path(path: str) -> bool:
    """Paths served by this application."""
    return path in (PLAN_PATH, CITY_PREFIX) or path.startswith(CITY_PREFIX + "/")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Strict):
    """``POST /api/v1/city/login``."""

    username: StorableText = Field(min_length=1, max_length=100)
    password: StorableText = Field(min_length=1, max_length=1000)


class LoginResponse(BaseModel):
    """A city staff session: send ``Authorization: Bearer <token>``."""

    token: str
    username: str
    role: str
    expires_at: str


class KpiRowOut(BaseModel):
    """One 校下."""

    school_district: str
    registered_associations: int
    adopting_associations: int
    households: int
    digital_households: int
    digital_share: float | None
    declared_households: int
    adopted_since: str | None
    declared: bool
    status: str
    measured_since: str | None
    reported_associations: int
    unreported_associations: int
    unreported: bool
    declared_associations: int
    declared_label: Literal["申告"] | None
    remarks: str


class SeriesPoint(BaseModel):
    """Adopting 校下 (cumulative) at the end of a month: of them measured (実績) and declared (申告) only."""

    month: str
    adopting: int
    measured: int
    declared: int


class SurveyOut(BaseModel):
    """A survey figure (調査): never a count."""

    date: str
    value: int
    note: str
    kind: Literal["survey"]
    label: Literal["調査"]


class KpiOut(BaseModel):
    """``GET /api/v1/city/kpi``."""

    fiscal_year: int
    target: int
    rule: str
    rule_label: str
    as_of: str
    adopting_school_districts: int
    summary: str
    rows: list[KpiRowOut]
    series: list[SeriesPoint]
    surveys: list[SurveyOut]


class DeclaredAppOut(BaseModel):
    """Another app recorded by city staff: always 申告."""

    app: str
    since: str
    households: int | None
    declared: Literal[True]
    label: Literal["申告"]


class AssociationFiguresOut(BaseModel):
    """One association of a 校下: figures only."""

    name: str
    adopted: bool
    adopted_since: str | None
    households: int
    digital_households: int
    last_report_month: str | None
    declared_app: DeclaredAppOut | None
    enrolled: str | None
    revoked: bool
    status: str


class DistrictOut(BaseModel):
    """``GET /api/v1/city/school-districts/{name}``."""

    school_district: str
    fiscal_year: int
    rule: str
    adopted_since: str | None
    associations: list[AssociationFiguresOut]


class RegistryImportOut(BaseModel):
    """What the registry import changed."""

    added_school_districts: int
    added_associations: int
    unchanged: int


class CsvProblemOut(BaseModel):
    """One bad line."""

    line: int
    column: str
    reason: str


class CsvErrorOut(BaseModel):
    """A refused CSV: nothing was imported."""

    detail: str
    problems: list[CsvProblemOut]


class RevokedOut(BaseModel):
    """``POST /api/v1/city/associations/{name}/revoke``."""

    name: str
    school_district: str
    revoked: Literal[True]


class DeclareRequest(_Strict):
    """``PUT /api/v1/city/associations/{name}/declared-app``."""

    app: StorableText = Field(min_length=1, max_length=100)
    since: StorableText = Field(min_length=1, max_length=20, description="YYYY-MM")
    households: int | None = Field(default=None, ge=0, le=10_000_000)


class PlanPublished(BaseModel):
    """The edition now served to associations."""

    data_version: int
    data_date: str
    title: str


class PlanErrorOut(BaseModel):
    """A refused plan file: the JSON path of the first problem and the reason."""

    detail: str
    path: str
    problem: str


class PlanOut(BaseModel):
    """``GET /api/v1/action-plan``: the newest plan the city published (or null) and the count."""

    plan: dict[str, Any] | None
    adopting_school_districts: int


class ErrorOut(BaseModel):
    """Every other error."""

    detail: str


_city_bearer = HTTPBearer(auto_error=False, description="The city staff token from /api/v1/city/login")
_association_bearer = HTTPBearer(auto_error=False, description="The association token from /api/v1/enroll")


def _unauthorized(what: str) -> HTTPException:
    return HTTPException(401, f"invalid or expired {what} token", headers={"WWW-Authenticate": "Bearer"})


def current_city_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_city_bearer)]
) -> CityUser:
    """The city staff member of the bearer token, or 401."""
    services: HubServices = request.app.state.services
    found = services.city.authenticate(credentials.credentials) if credentials else None
    if found is None:
        raise _unauthorized("city")
    return found


def current_association(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_association_bearer)],
) -> AssociationRef:
    """The association of the bearer token, or 401."""
    services: HubServices = request.app.state.services
    found = services.registry.authenticate(credentials.credentials) if credentials else None
    if found is None:
        raise _unauthorized("association")
    return found


CityStaff = Annotated[CityUser, Depends(current_city_user)]
Enrolled = Annotated[AssociationRef, Depends(current_association)]
FiscalYear = Annotated[
    int | None, Query(ge=1990, le=2200, description="fiscal year (April–March); default: this one")
]
Name = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$")]


def _user_error(exc: UserError) -> HTTPException:
    if isinstance(exc, NotFoundError):
        return HTTPException(404, str(exc))
    if isinstance(exc, ConflictError):
        return HTTPException(409, str(exc))
    return HTTPException(422, str(exc))


def _router(services: HubServices) -> APIRouter:
    router = APIRouter(tags=["city"])
    auth_errors: dict[int | str, dict[str, Any]] = {401: {"model": ErrorOut}, 429: {"model": ErrorOut}}

    @router.post(f"{CITY_PREFIX}/login", response_model=LoginResponse, responses=auth_errors)
    def login(body: LoginRequest) -> LoginResponse:
        """Exchange a city staff name and password for a session token (12 hours)."""
        done = services.city.login(body.username, body.password)
        if done is None:
            raise HTTPException(401, "wrong user name or password")
        return LoginResponse(
            token=done.token,
            username=done.username,
            role=done.role,
            expires_at=utc_iso(done.expires_at),
        )

    @router.get(f"{CITY_PREFIX}/kpi", response_model=KpiOut, responses=auth_errors)
    def kpi(_user: CityStaff, fiscal_year: FiscalYear = None) -> KpiOut:
        """The KPI table per 校下 with the monthly series, the target and the survey figures."""
        table = services.kpi.table(fiscal_year)
        return KpiOut.model_validate(table.to_json())

    @router.get(
        f"{CITY_PREFIX}/school-districts/{{name}}",
        response_model=DistrictOut,
        responses={**auth_errors, 404: {"model": ErrorOut}},
    )
    def district(_user: CityStaff, name: Name, fiscal_year: FiscalYear = None) -> DistrictOut:
        """The associations of one 校下 with their figures (no content, no households)."""
        try:
            detail = services.kpi.district(name, fiscal_year)
        except UserError as exc:
            raise _user_error(exc) from None
        return DistrictOut.model_validate(detail.to_json())

    @router.post(
        f"{CITY_PREFIX}/registry/import",
        response_model=RegistryImportOut,
        responses={**auth_errors, 413: {"model": ErrorOut}, 422: {"model": CsvErrorOut}},
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "text/csv": {"schema": {"type": "string", "description": "校下,町会名 (UTF-8 or CP932)"}}
                },
            }
        },
    )
    async def import_registry(request: Request, _user: CityStaff) -> Any:
        """Add 校下 and associations from a ``校下,町会名`` CSV: all or nothing, every bad line named."""
        data = await request.body()
        try:
            done = await run_in_threadpool(services.city.import_registry, data, "registry.csv")
        except CsvImportError as exc:
            problems = [{"line": p.line, "column": p.column, "reason": p.reason} for p in exc.problems]
            return JSONResponse({"detail": str(exc), "problems": problems}, status_code=422)
        return RegistryImportOut.model_validate(done.to_json())

    @router.post(
        f"{CITY_PREFIX}/associations/{{name}}/revoke",
        response_model=RevokedOut,
        responses={**auth_errors, 404: {"model": ErrorOut}},
    )
    def revoke(_user: CityStaff, name: Name) -> RevokedOut:
        """Revoke an association's tokens and codes; its reader links stop."""
        try:
            info = services.registry.revoke_association(name)
        except UserError as exc:
            raise _user_error(exc) from None
        return RevokedOut(name=info.name, school_district=info.school_district, revoked=True)

    @router.put(
        f"{CITY_PREFIX}/associations/{{name}}/declared-app",
        response_model=DeclaredAppOut,
        responses={**auth_errors, 404: {"model": ErrorOut}, 422: {"model": ErrorOut}},
    )
    def declare(_user: CityStaff, name: Name, body: DeclareRequest) -> DeclaredAppOut:
        """Record that an association uses another app (結ネット等): counted, shown as 申告."""
        try:
            declared = services.kpi.declare_app(name, body.app, body.since, body.households)
        except UserError as exc:
            raise _user_error(exc) from None
        return DeclaredAppOut.model_validate(declared.to_json())

    @router.put(
        f"{CITY_PREFIX}/action-plan",
        response_model=PlanPublished,
        responses={
            **auth_errors,
            409: {"model": PlanErrorOut},
            413: {"model": ErrorOut},
            422: {"model": PlanErrorOut},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"type": "object", "description": "docs/action-plan-format.md"}
                    }
                },
            }
        },
    )
    async def publish_plan(request: Request, user: CityStaff) -> Any:
        """Publish a newer edition of the action-plan file (the sidebar's format)."""
        data = await request.body()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return JSONResponse(
                {"detail": "not UTF-8", "path": "", "problem": PlanProblem.NOT_UTF8.value}, 422
            )
        try:
            plan = await run_in_threadpool(services.city.publish_plan, text, user.username, "action-plan")
        except ActionPlanError as exc:
            status = 409 if exc.problem in (PlanProblem.OLDER_VERSION, PlanProblem.SAME_VERSION) else 422
            return JSONResponse({"detail": str(exc), "path": exc.path, "problem": exc.problem.value}, status)
        return PlanPublished(data_version=plan.data_version, data_date=plan.data_date.iso, title=plan.title)

    @router.get(PLAN_PATH, response_model=PlanOut, responses={401: {"model": ErrorOut}})
    def action_plan(_who: Enrolled) -> PlanOut:
        """For enrolled associations: the newest published plan and the city-wide adopting 校下."""
        return PlanOut(
            plan=services.city.current_plan(), adopting_school_districts=services.kpi.adopting_count()
        )

    return router


def create_city_api(services: HubServices) -> FastAPI:
    """The city API application on the hub's services."""
    api = FastAPI(
        title="Kairan Desk hub — city API",
        version=__version__,
        description="City staff (市職員) API of the Kairan Desk hub: KPI and registry. See docs/kpi.md.",
        docs_url=None,
        redoc_url=None,
        openapi_url=f"{CITY_PREFIX}/openapi.json",
    )
    api.state.services = services
    api.include_router(_router(services))
    return api


def utc_iso(moment: dt.datetime) -> str:
    """Naive UTC as ``…Z``."""
    return moment.replace(microsecond=0).isoformat() + "Z"
