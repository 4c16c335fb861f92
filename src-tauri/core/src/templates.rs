//! Review templates: the sections a new review starts with.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{new_id, Section, SectionRole};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum TemplateId {
    #[default]
    Feature,
    Capsule,
    FestivalDispatch,
    Blank,
}

impl TemplateId {
    pub const ALL: [TemplateId; 4] = [
        TemplateId::Feature,
        TemplateId::Capsule,
        TemplateId::FestivalDispatch,
        TemplateId::Blank,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateId::Feature => "feature",
            TemplateId::Capsule => "capsule",
            TemplateId::FestivalDispatch => "festival_dispatch",
            TemplateId::Blank => "blank",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A template as the "New review" menu shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Template {
    pub id: TemplateId,
    pub name: String,
    pub description: String,
    pub sections: Vec<TemplateSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateSection {
    pub title: String,
    pub role: SectionRole,
    pub word_target: Option<u32>,
}

fn part(title: &str, role: SectionRole, word_target: Option<u32>) -> TemplateSection {
    TemplateSection {
        title: title.to_string(),
        role,
        word_target,
    }
}

pub fn template(id: TemplateId) -> Template {
    use SectionRole::{Body, Headline, Standfirst};
    let (name, description, sections) = match id {
        TemplateId::Feature => (
            "Feature review",
            "The full article: headline, standfirst, synopsis, performances, direction and themes, reservations, verdict.",
            vec![
                part("Headline", Headline, Some(15)),
                part("Standfirst", Standfirst, Some(40)),
                part("Synopsis", Body, Some(300)),
                part("Performances", Body, Some(200)),
                part("Direction and themes", Body, Some(300)),
                part("Reservations", Body, Some(150)),
                part("Verdict", Body, Some(80)),
            ],
        ),
        TemplateId::Capsule => (
            "Capsule",
            "A short take: a body and a verdict.",
            vec![part("Body", Body, Some(150)), part("Verdict", Body, Some(40))],
        ),
        TemplateId::FestivalDispatch => (
            "Festival dispatch",
            "Filed from the festival: headline, standfirst, body, verdict.",
            vec![
                part("Headline", Headline, Some(15)),
                part("Standfirst", Standfirst, Some(40)),
                part("Body", Body, Some(600)),
                part("Verdict", Body, Some(80)),
            ],
        ),
        TemplateId::Blank => ("Blank", "One empty section to start from.", vec![part("Text", Body, None)]),
    };
    Template {
        id,
        name: name.to_string(),
        description: description.to_string(),
        sections,
    }
}

pub fn all_templates() -> Vec<Template> {
    TemplateId::ALL.into_iter().map(template).collect()
}

/// Fresh, empty sections for a new review from this template.
pub fn sections_for(id: TemplateId) -> Vec<Section> {
    template(id)
        .sections
        .into_iter()
        .map(|t| Section {
            id: new_id(),
            title: t.title,
            role: t.role,
            body: String::new(),
            word_target: t.word_target,
            spoiler: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_template_follows_the_published_shape() {
        let titles: Vec<_> = template(TemplateId::Feature)
            .sections
            .into_iter()
            .map(|s| s.title)
            .collect();
        assert_eq!(
            titles,
            [
                "Headline",
                "Standfirst",
                "Synopsis",
                "Performances",
                "Direction and themes",
                "Reservations",
                "Verdict"
            ]
        );
        assert_eq!(sections_for(TemplateId::Capsule).len(), 2);
        assert_eq!(sections_for(TemplateId::FestivalDispatch).len(), 4);
        assert_eq!(sections_for(TemplateId::Blank).len(), 1);
    }

    #[test]
    fn template_ids_parse_back() {
        for id in TemplateId::ALL {
            assert_eq!(TemplateId::parse(id.as_str()), Some(id));
        }
    }
}
