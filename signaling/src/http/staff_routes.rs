//! Staff administration (admins; listing also for supervisors and auditors). An admin never
//! sets or sees anyone's credentials: a new account, and a reset one, get an activation link
//! that its owner completes ([`crate::staff::invitations`]).

use super::error::AppError;
use super::extract::{ApiJson, ApiPath};
use super::guard::Caller;
use crate::AppState;
use crate::audit::{self, AuditAction, Entry};
use crate::staff::invitations::{self, Invitation};
use crate::staff::{self, StaffAccount, StaffError};
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

fn roles_text(roles: &BTreeSet<StaffRole>) -> String {
    roles.iter().map(|r| r.as_ref()).collect::<Vec<_>>().join(",")
}

/// The signed-in admin making the change.
fn acting_staff(caller: &Caller) -> Result<StaffId, AppError> {
    caller.principal.staff().map(|s| s.staff.id.clone()).ok_or(AppError::Forbidden)
}

async fn account_of(state: &AppState, id: &StaffId) -> Result<StaffAccount, AppError> {
    staff::account(&state.db, id, state.clock.now_ms()).await?.ok_or(AppError::NotFound("staff_not_found"))
}

async fn new_invitation(state: &AppState, caller: &Caller, id: &StaffId, now: i64) -> Result<Invitation, AppError> {
    let ttl_ms = (state.config.auth.invitation_ttl_secs as i64).saturating_mul(1000);
    let inv = invitations::issue(&state.db, &state.key, id, &caller.principal.actor().to_text(), &state.config.public_url, now, ttl_ms).await?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::InvitationIssued).target(id.as_str()), now).await?;
    Ok(inv)
}

#[utoipa::path(get, path = "/api/v1/staff", tag = "staff",
    responses((status = 200, body = Vec<StaffAccount>)),
    extensions(("x-action" = json!("list_staff"))))]
pub async fn list_staff(State(state): State<AppState>) -> Result<Json<Vec<StaffAccount>>, AppError> {
    Ok(Json(staff::accounts(&state.db, state.clock.now_ms()).await?))
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
}

/// The password policy (`staff::password::check_policy`), for the schemas of the bodies that set one
/// (activation, a password change). Its last rules are not a regular
/// language, so they are named by a format of ours, `new-password`, and described.
pub(super) fn new_password() -> utoipa::openapi::Schema {
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
pub struct InvitedStaff {
    pub staff: StaffAccount,
    /// Hand this link to the person, once; they choose their password and enroll their
    /// authenticator with it.
    pub invitation: Invitation,
}

#[utoipa::path(post, path = "/api/v1/staff", tag = "staff", request_body = CreateStaff,
    responses((status = 201, body = InvitedStaff, description = "The account, invited, and its one-time activation link"),
        (status = 409, body = super::Problem, description = "`staff_exists`"),
        (status = 422, body = super::Problem, description = "`invalid_staff_id`, `staff_needs_role`, `invalid_display_name`")),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn create_staff(caller: Caller, State(state): State<AppState>, ApiJson(b): ApiJson<CreateStaff>) -> Result<(StatusCode, Json<InvitedStaff>), AppError> {
    let now = state.clock.now_ms();
    let s = staff::invite(&state.db, &b.id, &b.display_name, b.roles, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StaffCreated).target(s.id.as_str()).detail(roles_text(&s.roles)), now).await?;
    let invitation = new_invitation(&state, &caller, &s.id, now).await?;
    Ok((StatusCode::CREATED, Json(InvitedStaff { staff: account_of(&state, &s.id).await?, invitation })))
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
    responses((status = 200, body = StaffAccount), (status = 404, body = super::Problem),
        (status = 422, body = super::Problem, description = "`staff_needs_role`, `invalid_display_name`, `cannot_remove_own_admin_role`, `cannot_disable_self`")),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn update_staff(
    caller: Caller,
    State(state): State<AppState>,
    ApiPath(raw): ApiPath<String>,
    ApiJson(b): ApiJson<UpdateStaff>,
) -> Result<Json<StaffAccount>, AppError> {
    let id = staff_id(&raw)?;
    staff::check_own_change(&acting_staff(&caller)?, &id, b.roles.as_ref(), b.disabled).map_err(staff_error)?;
    let now = state.clock.now_ms();
    // What changed, for the log: role names and flags, never the name itself (personal data).
    let mut changed = vec![];
    if let Some(r) = &b.roles {
        changed.push(format!("roles={}", roles_text(r)));
    }
    if b.display_name.is_some() {
        changed.push("display_name".to_owned());
    }
    if let Some(d) = b.disabled {
        changed.push(if d { "disabled" } else { "enabled" }.to_owned());
    }
    staff::update(&state.db, &id, b.roles, b.display_name, b.disabled, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StaffUpdated).target(id.as_str()).detail(changed.join(";")), now).await?;
    Ok(Json(account_of(&state, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/reset-sign-in", tag = "staff",
    params(("staff_id" = StaffId, Path, description = "The account id")),
    responses((status = 200, body = Invitation,
            description = "The password, authenticator and recovery codes stop working and every session ends; the person activates the account again with this link (for an invited account: a new link, the earlier one stops working)"),
        (status = 404, body = super::Problem),
        (status = 422, body = super::Problem, description = "`cannot_reset_own_sign_in`")),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn reset_sign_in(caller: Caller, State(state): State<AppState>, ApiPath(raw): ApiPath<String>) -> Result<Json<Invitation>, AppError> {
    let id = staff_id(&raw)?;
    if acting_staff(&caller)? == id {
        return Err(staff_error(StaffError::ResetSelf));
    }
    let now = state.clock.now_ms();
    staff::reset_sign_in(&state.db, &id, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::SignInReset).target(id.as_str()), now).await?;
    Ok(Json(new_invitation(&state, &caller, &id, now).await?))
}

#[utoipa::path(post, path = "/api/v1/staff/{staff_id}/unlock", tag = "staff",
    params(("staff_id" = StaffId, Path, description = "The account id")),
    responses((status = 200, body = StaffAccount), (status = 404, body = super::Problem)),
    extensions(("x-action" = json!("manage_staff"))))]
pub async fn unlock(caller: Caller, State(state): State<AppState>, ApiPath(raw): ApiPath<String>) -> Result<Json<StaffAccount>, AppError> {
    let id = staff_id(&raw)?;
    let now = state.clock.now_ms();
    staff::unlock(&state.db, &id, now).await.map_err(staff_error)?;
    audit::append(&state.db, Entry::new(caller.principal.actor(), AuditAction::StaffUpdated).target(id.as_str()).detail("unlocked"), now).await?;
    Ok(Json(account_of(&state, &id).await?))
}
