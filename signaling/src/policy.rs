//! Authorization in one place: the policy table. Every HTTP route (through the route table in
//! `http::routes`) and every socket message names an [`Action`]; [`rule`] says who may do it
//! and whether a recent re-authentication is needed; [`decide`] applies the rule to the
//! [`Principal`] making the request. Nothing else in the server decides who may do what.
//!
//! Ownership is part of the rule: an agent sees a session only while it is offered or
//! assigned to them (and during their wrap-up of it), a customer only their own session; the
//! facts behind that come from [`Facts`], so the table itself stays a pure function.

use crate::apikeys::{ApiScope, Integrator};
use crate::staff::sessions::{StaffSession, Timeouts};
use domain::{SessionId, StaffRole};

/// Who is making a request or holds a socket.
#[derive(Debug, Clone)]
pub enum Principal {
    Anonymous,
    /// The holder of a customer join link of `session`.
    Customer { session: SessionId, token_hash: String },
    /// The holder of a still valid customer link of a session that has ended: admitted only
    /// where a rule says [`Who::OwnCustomerEvenEnded`] (the result page, passkey enrollment).
    EndedCustomer { session: SessionId, token_hash: String },
    Staff(Box<StaffSession>),
    Integrator(Integrator),
}

impl Principal {
    pub fn staff(&self) -> Option<&StaffSession> {
        match self {
            Principal::Staff(s) => Some(s),
            _ => None,
        }
    }

    /// The audit log's name for this principal.
    pub fn actor(&self) -> crate::audit::Actor {
        use crate::audit::Actor;
        match self {
            Principal::Anonymous => Actor::Anonymous,
            Principal::Customer { .. } | Principal::EndedCustomer { .. } => Actor::Customer,
            Principal::Staff(s) => Actor::Staff(s.staff.id.clone()),
            Principal::Integrator(i) => Actor::Integrator(i.key.clone()),
        }
    }
}

/// Everything anyone can do, over HTTP or a socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::AsRefStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    // Infrastructure and documentation.
    Health,
    Metrics,
    ReadApiDoc,
    // Staff sign-in.
    SignIn,
    ReadOwnAccount,
    SignOut,
    Reauthenticate,
    /// Complete an invitation with the activation link's token (the token is the credential).
    ActivateAccount,
    /// My account: a new password (the current one is the proof).
    ChangeOwnPassword,
    /// My account: new recovery codes (after re-authentication).
    RegenerateRecoveryCodes,
    // Staff and key administration.
    ListStaff,
    ManageStaff,
    ListApiKeys,
    ManageApiKeys,
    ReadAuditLog,
    /// Walk the audit log's hash chain (`signaling audit verify`).
    VerifyAuditLog,
    // Sessions.
    CreateSession,
    ReadSession,
    IssueCustomerLink,
    RevokeCustomerLink,
    EndSession,
    WriteReferencePhoto,
    StartChallenge,
    ReadAiEvents,
    ReadRecordingState,
    /// Issue a playback token (after re-authentication).
    PlayRecording,
    /// Fetch recording bytes with a playback token issued to the same person.
    FetchRecordingFile,
    // The compliance profiles and the consent texts (public documents).
    ReadProfiles,
    ReadConsentTexts,
    // A session's evidence.
    GiveConsent,
    ReadConsents,
    UploadStill,
    ReadEvidence,
    ConfirmCheck,
    /// Record the decision (approve, reject, inconclusive).
    Decide,
    /// Call socket: ask the customer's browser for a still, show a prompt, run a read-aloud.
    DriveCall,
    // Roster and appointments.
    ReadRoster,
    WriteRoster,
    ListSlots,
    BookAppointment,
    /// With the booking's own manage token, which the route carries.
    ManageBooking,
    // Live queue.
    JoinQueue,
    ReadQueueEntry,
    LeaveQueue,
    /// Agent console: own presence, own offers, own call end, own appointments.
    ActAsAgent,
    /// The live queue at a glance.
    ReadQueueStats,
    // Sockets: opening them (authentication happens inside, by message).
    OpenSocket,
    /// Call socket: join a session's call.
    JoinCall,
    /// Call socket and queue socket: watch one's own place in the queue.
    WatchQueue,
    // ---- The customer journey (journey/, http/journey_routes.rs, http/passkey_routes.rs) ----
    /// Create an identification (a session with its journey) for a customer.
    CreateIdentification,
    /// An identification's status and, once final, its result with evidence references.
    ReadIdentification,
    /// The customer's own journey (its overview), also once the session has ended.
    ReadJourney,
    /// Before the call: the wait predicted now, the ICE servers to test, the check-in to an appointment.
    PrepareCall,
    /// The customer switches the journey's language.
    WriteJourney,
    /// The applicant's data (personal data).
    ReadApplication,
    /// Save a draft of, or submit, the application.
    WriteApplication,
    /// Upload a capture of the ID document (after consent).
    UploadDocument,
    /// The ID document captures with their MRZ and the comparison (personal data).
    ReadDocuments,
    /// The customer's own result, also after the session ended.
    ReadOwnResult,
    /// Enroll a passkey after an approved identification, also after the session ended.
    EnrollPasskey,
    /// Ask for and verify a passkey assertion of an identification.
    VerifyPasskey,
    // --- Supervisors and auditors (issue 11) ---
    /// The archive: search and filter sessions.
    ListSessions,
    /// See customers' names in the archive (not a route: the archive asks it per caller).
    ReadCustomerIdentity,
    /// A session's timeline: recording files with offsets and every event on one time base.
    ReadTimeline,
    /// Four eyes: confirm or overturn a decision (a supervisor who did not decide it).
    ReviewDecision,
    /// The compliance report (HTML, PDF, JSON).
    ReadReport,
    /// Export the evidence package (after re-authentication).
    ExportEvidence,
    /// The deployment's public signing key.
    ReadSigningKey,
    /// Volumes, rates and times per agent and day.
    ReadStats,
    /// Set or release a legal hold.
    ManageLegalHold,
    /// Erase a session on request where the law allows.
    EraseSession,
}

/// Who a rule admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Anyone, signed in or not (rate limits still apply).
    Anyone,
    /// Any signed-in staff member.
    AnyStaff,
    /// Staff holding this role, for any session.
    Staff(StaffRole),
    /// Staff holding the agent role, for a session offered or assigned to them (or in their
    /// wrap-up).
    AssignedAgent,
    /// Staff holding the agent role, acting on their own presence and offers.
    AgentSelf,
    /// The holder of a customer link of the session concerned (or of their own session, when
    /// the request names none).
    OwnCustomer,
    /// An integrator key with this scope.
    Integrator(ApiScope),
    /// [`Who::OwnCustomer`], and also while the session has ended (its result, its passkey).
    OwnCustomerEvenEnded,
    /// Staff holding the supervisor role who did not decide the session concerned (four eyes).
    Reviewer,
}

#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub who: &'static [Who],
    /// Staff must have entered their second factor recently (decision, playback, export,
    /// staff admin).
    pub reauth: bool,
}

const fn rule_of(who: &'static [Who]) -> Rule {
    Rule { who, reauth: false }
}

const fn sensitive(who: &'static [Who]) -> Rule {
    Rule { who, reauth: true }
}

/// The policy table.
pub fn rule(action: Action) -> Rule {
    use Action::*;
    use StaffRole::{Admin, Auditor, Supervisor};
    use Who::*;
    match action {
        Health | Metrics | ReadApiDoc | SignIn | ActivateAccount | OpenSocket | ReadProfiles | ReadConsentTexts => rule_of(&[Anyone]),
        GiveConsent | UploadStill => rule_of(&[OwnCustomer]),
        ReadConsents => rule_of(&[OwnCustomer, AssignedAgent, Staff(Supervisor), Staff(Auditor), Integrator(ApiScope::ResultsRead)]),
        ReadEvidence => rule_of(&[AssignedAgent, Staff(Supervisor), Staff(Auditor), Integrator(ApiScope::ResultsRead)]),
        ConfirmCheck | DriveCall => rule_of(&[AssignedAgent]),
        Decide => sensitive(&[AssignedAgent]),
        ReadOwnAccount | SignOut | Reauthenticate | ChangeOwnPassword => rule_of(&[AnyStaff]),
        RegenerateRecoveryCodes => sensitive(&[AnyStaff]),
        ListStaff => rule_of(&[Staff(Admin), Staff(Supervisor), Staff(Auditor)]),
        ManageStaff | ManageApiKeys => sensitive(&[Staff(Admin)]),
        ListApiKeys => rule_of(&[Staff(Admin), Staff(Auditor)]),
        // Admins read it too: sign-in failures, lockouts and their own team's changes.
        ReadAuditLog | VerifyAuditLog => rule_of(&[Staff(Auditor), Staff(Admin)]),
        CreateSession | IssueCustomerLink | RevokeCustomerLink | WriteReferencePhoto => rule_of(&[Integrator(ApiScope::SessionsWrite)]),
        ReadSession => rule_of(&[
            Integrator(ApiScope::SessionsRead),
            OwnCustomer,
            AssignedAgent,
            Staff(Supervisor),
            Staff(Auditor),
        ]),
        EndSession => rule_of(&[Integrator(ApiScope::SessionsWrite), Staff(Supervisor)]),
        StartChallenge => rule_of(&[AssignedAgent]),
        ReadAiEvents | ReadRecordingState => rule_of(&[
            Integrator(ApiScope::ResultsRead),
            AssignedAgent,
            Staff(Supervisor),
            Staff(Auditor),
        ]),
        PlayRecording => sensitive(&[Staff(Supervisor)]),
        FetchRecordingFile => rule_of(&[Staff(Supervisor)]),
        ReadRoster => rule_of(&[Integrator(ApiScope::RosterRead), Staff(Admin), Staff(Supervisor), Staff(Auditor)]),
        WriteRoster => rule_of(&[Integrator(ApiScope::RosterWrite), Staff(Admin)]),
        ListSlots | ManageBooking => rule_of(&[Anyone]),
        BookAppointment | JoinQueue => rule_of(&[OwnCustomer, Integrator(ApiScope::SessionsWrite)]),
        ReadQueueEntry => rule_of(&[OwnCustomer, Integrator(ApiScope::SessionsRead), Staff(Supervisor)]),
        LeaveQueue => rule_of(&[OwnCustomer, Integrator(ApiScope::SessionsWrite)]),
        ActAsAgent => rule_of(&[AgentSelf]),
        ReadQueueStats => rule_of(&[AgentSelf, Staff(Supervisor)]),
        JoinCall => rule_of(&[OwnCustomer, AssignedAgent]),
        WatchQueue => rule_of(&[OwnCustomer]),
        // The customer journey.
        CreateIdentification => rule_of(&[Integrator(ApiScope::SessionsWrite)]),
        ReadIdentification => rule_of(&[Integrator(ApiScope::SessionsRead), Integrator(ApiScope::ResultsRead)]),
        PrepareCall | WriteJourney | WriteApplication | UploadDocument => rule_of(&[OwnCustomer]),
        ReadApplication | ReadDocuments => rule_of(&[OwnCustomer, AssignedAgent, Staff(Supervisor), Staff(Auditor), Integrator(ApiScope::ResultsRead)]),
        ReadJourney | ReadOwnResult | EnrollPasskey => rule_of(&[OwnCustomerEvenEnded]),
        VerifyPasskey => rule_of(&[Integrator(ApiScope::ResultsRead)]),
        // --- Supervisors and auditors (issue 11) ---
        ListSessions => rule_of(&[Staff(Supervisor), Staff(Auditor), Integrator(ApiScope::SessionsRead)]),
        // Auditors check what was done, not who the customer is (data they do not need).
        ReadCustomerIdentity => rule_of(&[Staff(Supervisor), Integrator(ApiScope::SessionsRead)]),
        ReadTimeline => rule_of(&[Staff(Supervisor), Staff(Auditor)]),
        ReviewDecision => sensitive(&[Reviewer]),
        ReadReport => rule_of(&[Staff(Supervisor), Staff(Auditor), Integrator(ApiScope::ResultsRead)]),
        ExportEvidence => sensitive(&[Staff(Supervisor)]),
        ReadSigningKey => rule_of(&[Anyone]),
        // Auditors read every figure; the dashboard changes nothing.
        ReadStats => rule_of(&[Staff(Supervisor), Staff(Auditor)]),
        ManageLegalHold => sensitive(&[Staff(Supervisor), Staff(Admin)]),
        EraseSession => sensitive(&[Staff(Admin)]),
    }
}

/// Why a request is refused. Stable codes; the UI translates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// No credentials (or unknown ones): 401 `unauthenticated`.
    Unauthenticated,
    /// A staff session that timed out: 401 `session_expired`.
    SessionExpired,
    /// Known, but not allowed: 403 `forbidden`.
    Forbidden,
    /// Allowed, but the second factor must be entered again first: 401 `reauth_required`.
    ReauthRequired,
}

impl Denial {
    pub fn code(self) -> &'static str {
        match self {
            Denial::Unauthenticated => "unauthenticated",
            Denial::SessionExpired => "session_expired",
            Denial::Forbidden => "forbidden",
            Denial::ReauthRequired => "reauth_required",
        }
    }
}

/// The ownership facts a rule may need, answered by the live state (the scheduling actor).
#[allow(async_fn_in_trait)]
pub trait Facts {
    /// Whether `session` is offered or assigned to this agent, or in their wrap-up.
    async fn agent_has_session(&self, agent: &domain::StaffId, session: &SessionId) -> bool;

    /// Whether this staff member made the session's decision (they cannot review it). Facts
    /// that cannot tell answer `true`, which refuses the review: four eyes fail closed.
    async fn decided_session(&self, _staff: &domain::StaffId, _session: &SessionId) -> bool {
        true
    }
}

/// What a request is about.
#[derive(Debug, Clone, Default)]
pub struct Resource {
    /// The session concerned, if the action is about one.
    pub session: Option<SessionId>,
}

/// Applies the policy: may `principal` do `action` on `resource` at `now`?
/// `expired` says the request carried a staff cookie that timed out (for the answer's code).
pub async fn decide(
    principal: &Principal,
    action: Action,
    resource: &Resource,
    facts: &impl Facts,
    now: i64,
    timeouts: Timeouts,
    expired: bool,
) -> Result<(), Denial> {
    let r = rule(action);
    let mut admitted = false;
    for who in r.who {
        if admits(principal, *who, resource, facts).await {
            admitted = true;
            break;
        }
    }
    if !admitted {
        return Err(match principal {
            Principal::Anonymous if expired => Denial::SessionExpired,
            Principal::Anonymous => Denial::Unauthenticated,
            _ => Denial::Forbidden,
        });
    }
    if r.reauth {
        if let Principal::Staff(s) = principal {
            if !s.recently_authenticated(now, timeouts) {
                return Err(Denial::ReauthRequired);
            }
        }
    }
    Ok(())
}

async fn admits(principal: &Principal, who: Who, resource: &Resource, facts: &impl Facts) -> bool {
    match (who, principal) {
        (Who::Anyone, _) => true,
        (Who::AnyStaff, Principal::Staff(_)) => true,
        (Who::Staff(role), Principal::Staff(s)) => s.staff.has(role),
        (Who::AgentSelf, Principal::Staff(s)) => s.staff.has(StaffRole::Agent),
        (Who::AssignedAgent, Principal::Staff(s)) => match &resource.session {
            Some(session) => s.staff.has(StaffRole::Agent) && facts.agent_has_session(&s.staff.id, session).await,
            None => false,
        },
        // Without a session in the request, a customer acts on their own (the handler uses it).
        (Who::OwnCustomer, Principal::Customer { session, .. }) => resource.session.as_ref().is_none_or(|s| s == session),
        (Who::Integrator(scope), Principal::Integrator(i)) => i.scopes.contains(&scope),
        (Who::OwnCustomerEvenEnded, Principal::Customer { session, .. } | Principal::EndedCustomer { session, .. }) => {
            resource.session.as_ref().is_none_or(|s| s == session)
        }
        (Who::Reviewer, Principal::Staff(s)) => match &resource.session {
            Some(session) => s.staff.has(StaffRole::Supervisor) && !facts.decided_session(&s.staff.id, session).await,
            None => false,
        },
        _ => false,
    }
}

/// Whether `principal` may do `action` where no session or ownership is involved (a field
/// of a response gated by its own action, e.g. customers' names in the archive).
pub async fn permits(principal: &Principal, action: Action, now: i64, timeouts: Timeouts) -> bool {
    struct NoFacts;
    impl Facts for NoFacts {
        async fn agent_has_session(&self, _: &domain::StaffId, _: &SessionId) -> bool {
            false
        }
    }
    decide(principal, action, &Resource::default(), &NoFacts, now, timeouts, false).await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staff::Staff;
    use domain::StaffId;
    use std::collections::BTreeSet;

    struct Assigned(Option<(StaffId, SessionId)>);

    impl Facts for Assigned {
        async fn agent_has_session(&self, agent: &StaffId, session: &SessionId) -> bool {
            self.0.as_ref().is_some_and(|(a, s)| a == agent && s == session)
        }
        /// In these tests, whoever the session is assigned to also decided it.
        async fn decided_session(&self, staff: &StaffId, session: &SessionId) -> bool {
            self.agent_has_session(staff, session).await
        }
    }

    const T: Timeouts = Timeouts { idle_ms: 1000, absolute_ms: 10_000, reauth_ms: 300 };

    fn staff(id: &str, roles: &[StaffRole], reauth_at: i64) -> Principal {
        Principal::Staff(Box::new(StaffSession {
            staff: Staff {
                id: StaffId::from_stored(id),
                display_name: id.into(),
                roles: roles.iter().copied().collect::<BTreeSet<_>>(),
                disabled: false,
                locked_until: None,
                created_at: 0,
            },
            token_hash: String::new(),
            expires_at: 10_000,
            idle_expires_at: 10_000,
            reauth_at,
        }))
    }

    fn on(session: &SessionId) -> Resource {
        Resource { session: Some(session.clone()) }
    }

    #[tokio::test]
    async fn an_agent_sees_a_session_only_while_it_is_theirs() {
        let s = SessionId::random();
        let anna = staff("anna", &[StaffRole::Agent], 0);
        let theirs = Assigned(Some((StaffId::from_stored("anna"), s.clone())));
        let nobody = Assigned(None);
        assert_eq!(decide(&anna, Action::ReadSession, &on(&s), &theirs, 0, T, false).await, Ok(()));
        assert_eq!(decide(&anna, Action::ReadSession, &on(&s), &nobody, 0, T, false).await, Err(Denial::Forbidden));
    }

    #[tokio::test]
    async fn a_customer_link_admits_its_own_session_only() {
        let a = SessionId::random();
        let b = SessionId::random();
        let customer = Principal::Customer { session: a.clone(), token_hash: String::new() };
        let f = Assigned(None);
        assert_eq!(decide(&customer, Action::JoinCall, &on(&a), &f, 0, T, false).await, Ok(()));
        assert_eq!(decide(&customer, Action::JoinCall, &on(&b), &f, 0, T, false).await, Err(Denial::Forbidden));
    }

    #[tokio::test]
    async fn playback_needs_a_recent_second_factor() {
        let s = SessionId::random();
        let f = Assigned(None);
        let fresh = staff("sv", &[StaffRole::Supervisor], 1000);
        assert_eq!(decide(&fresh, Action::PlayRecording, &on(&s), &f, 1200, T, false).await, Ok(()));
        assert_eq!(decide(&fresh, Action::PlayRecording, &on(&s), &f, 2000, T, false).await, Err(Denial::ReauthRequired));
    }

    #[tokio::test]
    async fn an_auditor_reads_but_cannot_play_or_change() {
        let s = SessionId::random();
        let f = Assigned(None);
        let auditor = staff("au", &[StaffRole::Auditor], 0);
        assert_eq!(decide(&auditor, Action::ReadAuditLog, &Resource::default(), &f, 0, T, false).await, Ok(()));
        for a in [Action::PlayRecording, Action::EndSession, Action::ManageStaff, Action::StartChallenge] {
            assert_eq!(decide(&auditor, a, &on(&s), &f, 0, T, false).await, Err(Denial::Forbidden), "{a:?}");
        }
    }

    #[tokio::test]
    async fn anonymous_callers_are_told_to_authenticate_and_expired_sessions_say_so() {
        let f = Assigned(None);
        let r = Resource::default();
        assert_eq!(decide(&Principal::Anonymous, Action::ReadOwnAccount, &r, &f, 0, T, false).await, Err(Denial::Unauthenticated));
        assert_eq!(decide(&Principal::Anonymous, Action::ReadOwnAccount, &r, &f, 0, T, true).await, Err(Denial::SessionExpired));
    }

    #[tokio::test]
    async fn the_customer_of_an_ended_session_sees_only_their_result_and_passkey() {
        let a = SessionId::random();
        let b = SessionId::random();
        let ended = Principal::EndedCustomer { session: a.clone(), token_hash: String::new() };
        let f = Assigned(None);
        for act in [Action::ReadJourney, Action::ReadOwnResult, Action::EnrollPasskey] {
            assert_eq!(decide(&ended, act, &on(&a), &f, 0, T, false).await, Ok(()), "{act:?}");
            assert_eq!(decide(&ended, act, &on(&b), &f, 0, T, false).await, Err(Denial::Forbidden), "{act:?}");
        }
        for act in [Action::JoinCall, Action::PrepareCall, Action::UploadDocument, Action::WriteApplication, Action::GiveConsent, Action::ReadApplication] {
            assert_eq!(decide(&ended, act, &on(&a), &f, 0, T, false).await, Err(Denial::Forbidden), "{act:?}");
        }
    }

    #[tokio::test]
    async fn the_supervisor_who_decided_a_session_cannot_review_it_and_another_supervisor_can() {
        let s = SessionId::random();
        let decider = staff("both", &[StaffRole::Agent, StaffRole::Supervisor], 1000);
        let other = staff("sv", &[StaffRole::Supervisor], 1000);
        let facts = Assigned(Some((StaffId::from_stored("both"), s.clone())));
        assert_eq!(decide(&decider, Action::ReviewDecision, &on(&s), &facts, 1100, T, false).await, Err(Denial::Forbidden));
        assert_eq!(decide(&other, Action::ReviewDecision, &on(&s), &facts, 1100, T, false).await, Ok(()));
        assert_eq!(decide(&other, Action::ReviewDecision, &on(&s), &facts, 5000, T, false).await, Err(Denial::ReauthRequired));
    }

    #[tokio::test]
    async fn facts_that_cannot_tell_who_decided_refuse_the_review() {
        struct Unknown;
        impl Facts for Unknown {
            async fn agent_has_session(&self, _: &StaffId, _: &SessionId) -> bool {
                false
            }
        }
        let s = SessionId::random();
        let sv = staff("sv", &[StaffRole::Supervisor], 1000);
        assert_eq!(decide(&sv, Action::ReviewDecision, &on(&s), &Unknown, 1100, T, false).await, Err(Denial::Forbidden));
    }

    #[tokio::test]
    async fn an_auditor_reads_the_archive_and_timeline_but_cannot_export_review_or_see_names() {
        let s = SessionId::random();
        let f = Assigned(None);
        let auditor = staff("au", &[StaffRole::Auditor], 0);
        for a in [Action::ListSessions, Action::ReadTimeline, Action::ReadReport, Action::ReadAuditLog] {
            assert_eq!(decide(&auditor, a, &on(&s), &f, 0, T, false).await, Ok(()), "{a:?}");
        }
        for a in [Action::ExportEvidence, Action::ReviewDecision, Action::ManageLegalHold, Action::EraseSession, Action::PlayRecording] {
            assert_eq!(decide(&auditor, a, &on(&s), &f, 0, T, false).await, Err(Denial::Forbidden), "{a:?}");
        }
        assert!(!permits(&auditor, Action::ReadCustomerIdentity, 0, T).await);
    }

    #[tokio::test]
    async fn an_admin_does_not_read_recordings_by_default() {
        let s = SessionId::random();
        let admin = staff("ad", &[StaffRole::Admin], 0);
        for a in [Action::PlayRecording, Action::ReadRecordingState, Action::ReadAiEvents, Action::ReadSession] {
            assert_eq!(decide(&admin, a, &on(&s), &Assigned(None), 0, T, false).await, Err(Denial::Forbidden), "{a:?}");
        }
    }
}
