//! Staff administration (admins; listing also for supervisors and auditors).

use super::error::AppError;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::staff::{self, Enrollment, NewStaff, Staff, StaffError};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::{StaffId, StaffRole};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::ToSchema;

fn staff_error(e: StaffError) -> AppError {
    match e {
        StaffError::Db(e) => e.into(),
        StaffError::NotFound => AppError::NotFound("staff_not_found"),
        StaffError::Exists => AppError::conflict(e.code(), e.to_string()),
        other => AppError::unprocessable(other.code(), other.to_string()),
    }
}

fn staff_id(raw: &str) -> Result<StaffId, AppError> {
    StaffId::parse(raw).ok_or(AppError::NotFound("staff_not_found"))
}

#[utoipa::path(get, path = "/api/v1/staff", tag = "staff",
    responses((status = 200, body = Vec<Staff>)),
    extensions(("x-action" = json!("list_staff"))))]
pub async fn list_staff(State(state): State<AppState>) -> Result<Json<Vec<Staff>>, AppError> {
    Ok(Json(staff::list(&state.db).await?))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateStaff {
    /// 1-64 characters of a-z, 0-9, `.`, `_`, `-`; also the sign-in name.
    #[schema(value_type = StaffId)]
    pub id: String,
    /// 1-100 characters (not only spaces), no control characters.
    #[schema(max_length = 100, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$")]
    pub display_name: String,
    /// At least one; a repeated role counts once.
    #[schema(value_type = Vec<StaffRole>, min_items = 1)]
    pub roles: BTreeSet<StaffRole>,
    #[schema(schema_with = new_password)]
    pub password: String,
}

/// The password policy (`staff::password::check_policy`). Its last rules are not a regular
/// language, so they are named by a format of ours, `new-password`, and described.
fn new_password() -> utoipa::openapi::Schema {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaFormat, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(crate::staff::password::MIN_LEN))
        .max_length(Some(crate::staff::password::MAX_LEN))
        .format(Some(SchemaFormat::Custom("new-password".into())))
        .description(Some(
            "An initial password: 12-128 characters, at least 5 different ones, and not mostly a common password or the account name \
             (else 422 `password_too_common`).",
        ))
        .into()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedStaff {
    pub staff: Staff,
    /// Hand this to the person once: the authenticator enrollment and recovery codes.
    pub enrollment: Enrollment,
}

#[utoipa::path(post, path = "/api/v1/staff", tag = "staff", request_body = CreateStaff,
    responses((status = 201, body = CreatedStaff),
        (status = 409, body = super::Problem, description = "`staff_exists`"),
        (status = 422, body = super::Problem, description = "`invalid_staff_id`, `staff_needs_role`, `invalid_display_name`, `password_too_short`, `password_too_long`, `password_too_common`")),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn create_staff(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<CreateStaff>) -> Result<(StatusCode, Json<CreatedStaff>), AppError> {
    let now = state.clock.now_ms();
    let new = NewStaff { id: b.id, display_name: b.display_name, roles: b.roles, password: b.password };
    let (staff, enrollment) = staff::create(&state.db, &state.key, new, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StaffCreated).target(staff.id.as_str()), now).await?;
    Ok((StatusCode::CREATED, Json(CreatedStaff { staff, enrollment })))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateStaff {
    /// At least one; a repeated role counts once.
    #[serde(default)]
    #[schema(value_type = Option<Vec<StaffRole>>, min_items = 1)]
    pub roles: Option<BTreeSet<StaffRole>>,
    /// 1-100 characters (not only spaces), no control characters.
    #[serde(default)]
    #[schema(max_length = 100, pattern = r"^[^\u0000-\u001F\u007F-\u009F]*[^\s\u0000-\u001F\u007F-\u009F][^\u0000-\u001F\u007F-\u009F]*$")]
    pub display_name: Option<String>,
    /// Disabling ends the person's sessions at once.
    #[serde(default)]
    pub disabled: Option<bool>,
}

#[utoipa::path(patch, path = "/api/v1/staff/{staff_id}", tag = "staff", request_body = UpdateStaff,
    params(("staff_id" = StaffId, Path, description = "The account id")),
    responses((status = 200, body = Staff), (status = 404, body = super::Problem), (status = 422, body = super::Problem, description = "`staff_needs_role`, `invalid_display_name`")),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn update_staff(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath(raw): ApiPath<String>,
    ApiJson(b): ApiJson<UpdateStaff>,
) -> Result<Json<Staff>, AppError> {
    let id = staff_id(&raw)?;
    let now = state.clock.now_ms();
    let changed = staff::update(&state.db, &id, b.roles, b.display_name, b.disabled, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StaffUpdated).target(id.as_str()), now).await?;
    Ok(Json(changed))
}

#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/reset-totp", tag = "staff",
    params(("staff_id" = StaffId, Path, description = "The account id")),
    responses((status = 200, body = Enrollment, description = "New authenticator secret and recovery codes; the person's sessions are ended"),
        (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn reset_totp(caller: Caller, State(state): State<AppState>, ApiPath(raw): ApiPath<String>) -> Result<Json<Enrollment>, AppError> {
    let id = staff_id(&raw)?;
    let now = state.clock.now_ms();
    let e = staff::reset_totp(&state.db, &state.key, &id, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::TotpReset).target(id.as_str()), now).await?;
    Ok(Json(e))
}

#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/unlock", tag = "staff",
    params(("staff_id" = StaffId, Path, description = "The account id")),
    responses((status = 200, body = Staff), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn unlock(caller: Caller, State(state): State<AppState>, ApiPath(raw): ApiPath<String>) -> Result<Json<Staff>, AppError> {
    let id = staff_id(&raw)?;
    let now = state.clock.now_ms();
    let s = staff::unlock(&state.db, &id, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StaffUpdated).target(id.as_str()).detail("unlocked"), now).await?;
    Ok(Json(s))
}
