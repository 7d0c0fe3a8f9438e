//! The needs (skills) of a journey customer's queue entry, estimate and booking, derived on the
//! server: the customer's page cannot know which skills a deployment has, and a need no agent
//! holds would leave the customer waiting for nobody (or be refused as `unknown_skill`).
//!
//! Rule: the journey's language (`lang:xx`), the session's profile (`reg:<profile>`) and the
//! type of the latest captured ID document (`doc:<type>`) — each only when some agent on the
//! roster has that skill. A deployment whose agents have no such skills routes to anyone.

use scheduler::Needs;
use std::collections::BTreeSet;

/// What the journey knows about the customer's case.
#[derive(Debug, Clone, Default)]
pub struct Case<'a> {
    pub language: Option<&'a str>,
    pub profile: Option<&'a str>,
    pub document_type: Option<&'a str>,
}

/// The needs of `case` given every skill agents on the roster hold.
pub fn derive(case: &Case<'_>, roster_skills: &BTreeSet<String>) -> Needs {
    let wanted = [case.language.map(|l| format!("lang:{l}")), case.profile.map(|p| format!("reg:{p}")), case.document_type.map(|d| format!("doc:{d}"))];
    Needs::of(wanted.into_iter().flatten().filter(|s| roster_skills.contains(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_skills_some_agent_holds_become_needs() {
        let roster: BTreeSet<String> = ["lang:fr", "lang:en", "doc:passport"].into_iter().map(str::to_owned).collect();
        let case = Case { language: Some("vi"), profile: Some("basic"), document_type: Some("passport") };
        assert_eq!(derive(&case, &roster), Needs::of(["doc:passport"]), "nobody speaks Vietnamese: no language need");
        let case = Case { language: Some("fr"), profile: None, document_type: Some("id_card") };
        assert_eq!(derive(&case, &roster), Needs::of(["lang:fr"]));
        assert_eq!(derive(&Case::default(), &roster), Needs::default());
    }
}
