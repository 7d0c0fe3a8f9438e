//! Skills and customer needs. A skill is a namespaced string (`lang:de`, `doc:passport`,
//! `reg:bafin`) so new document types or regulations need no code change; the catalog
//! rejects typos early ([`SchedError::UnknownSkill`]).

use crate::error::{Result, SchedError};
use std::collections::{BTreeSet, HashMap};

/// Kind of skill, taken from the string's prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkillKind {
    Language,
    Document,
    Regulatory,
}

/// Validates a skill string's form and returns its kind.
pub fn skill_kind(s: &str) -> Result<SkillKind> {
    match s.split_once(':') {
        Some(("lang", v)) if !v.is_empty() => Ok(SkillKind::Language),
        Some(("doc", v)) if !v.is_empty() => Ok(SkillKind::Document),
        Some(("reg", v)) if !v.is_empty() => Ok(SkillKind::Regulatory),
        _ => Err(SchedError::UnknownSkill(s.to_string())),
    }
}

/// The set of skills this deployment knows about.
#[derive(Debug, Clone, Default)]
pub struct SkillCatalog {
    known: BTreeSet<String>,
}

impl SkillCatalog {
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(skills: I) -> Result<Self> {
        let mut known = BTreeSet::new();
        for s in skills {
            let s = s.into();
            skill_kind(&s)?;
            known.insert(s);
        }
        Ok(Self { known })
    }

    /// Checks every need is a known skill.
    pub fn validate(&self, needs: &Needs) -> Result<()> {
        match needs.0.iter().find(|s| !self.known.contains(*s)) {
            Some(s) => Err(SchedError::UnknownSkill(s.clone())),
            None => Ok(()),
        }
    }
}

/// What a customer's case requires; an agent qualifies when it has every one of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
pub struct Needs(pub BTreeSet<String>);

impl Needs {
    pub fn of<I: IntoIterator<Item = S>, S: Into<String>>(skills: I) -> Self {
        Needs(skills.into_iter().map(Into::into).collect())
    }
    pub fn satisfied_by(&self, skills: &BTreeSet<String>) -> bool {
        self.0.is_subset(skills)
    }
}

/// Fixed-size bit set over agent indices; the routing index keeps one per skill so the
/// eligible agents for a need set are a handful of word-wise ANDs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BitSet(Vec<u64>);

impl BitSet {
    pub fn with_len(n: usize) -> Self {
        BitSet(vec![0; n.div_ceil(64)])
    }
    pub fn full(n: usize) -> Self {
        let mut b = Self::with_len(n);
        for i in 0..n {
            b.insert(i);
        }
        b
    }
    pub fn grow(&mut self, n: usize) {
        let w = n.div_ceil(64);
        if self.0.len() < w {
            self.0.resize(w, 0);
        }
    }
    pub fn insert(&mut self, i: usize) {
        self.grow(i + 1);
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub fn remove(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w &= !(1 << (i % 64));
        }
    }
    pub fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    pub fn and_with(&mut self, o: &BitSet) {
        for (i, w) in self.0.iter_mut().enumerate() {
            *w &= o.0.get(i).copied().unwrap_or(0);
        }
    }
    pub fn and_not(&mut self, o: &BitSet) {
        for (w, x) in self.0.iter_mut().zip(&o.0) {
            *w &= !x;
        }
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(wi, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let t = w.trailing_zeros() as usize;
                w &= w - 1;
                Some(wi * 64 + t)
            })
        })
    }
}

/// Interns skill strings to small indices for the bit-set index.
#[derive(Debug, Clone, Default)]
pub struct SkillInterner {
    ids: HashMap<String, usize>,
}

impl SkillInterner {
    pub fn intern(&mut self, s: &str) -> usize {
        let n = self.ids.len();
        *self.ids.entry(s.to_string()).or_insert(n)
    }
    pub fn get(&self, s: &str) -> Option<usize> {
        self.ids.get(s).copied()
    }
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}
