//! Rating scales.
//!
//! A rating is kept as the step the critic chose on their scale (so "A-" stays "A-", and
//! 3½ stars stays 3½ stars) together with its canonical 0–100 value, which is what sorting,
//! filtering and conversion use. Conversions follow Metacritic's reference: stars and points
//! scale linearly, A+ and A are 100, F is 0.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum RatingScale {
    /// 0 to 5 stars in half stars: the most common scale.
    #[default]
    FiveStars,
    /// 0 to 4 stars in half stars.
    FourStars,
    /// 0 to 10 points.
    TenPoints,
    /// 0 to 100 points.
    HundredPoints,
    /// F up to A+.
    Letter,
}

/// Letter grades from worst to best; the index is the step.
pub const LETTER_GRADES: [&str; 13] = [
    "F", "D-", "D", "D+", "C-", "C", "C+", "B-", "B", "B+", "A-", "A", "A+",
];
/// Metacritic's conversion of each letter grade to 0–100.
const LETTER_CANONICAL: [f64; 13] = [
    0.0, 16.0, 25.0, 33.0, 42.0, 50.0, 58.0, 67.0, 75.0, 83.0, 91.0, 100.0, 100.0,
];

impl RatingScale {
    pub const ALL: [RatingScale; 5] = [
        RatingScale::FiveStars,
        RatingScale::FourStars,
        RatingScale::TenPoints,
        RatingScale::HundredPoints,
        RatingScale::Letter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RatingScale::FiveStars => "five_stars",
            RatingScale::FourStars => "four_stars",
            RatingScale::TenPoints => "ten_points",
            RatingScale::HundredPoints => "hundred_points",
            RatingScale::Letter => "letter",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scale| scale.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            RatingScale::FiveStars => "5 stars",
            RatingScale::FourStars => "4 stars",
            RatingScale::TenPoints => "10 points",
            RatingScale::HundredPoints => "100 points",
            RatingScale::Letter => "Letter grade",
        }
    }

    /// The highest step on this scale (the lowest is always 0).
    pub fn max_step(self) -> u16 {
        match self {
            RatingScale::FiveStars => 10,
            RatingScale::FourStars => 8,
            RatingScale::TenPoints => 10,
            RatingScale::HundredPoints => 100,
            RatingScale::Letter => 12,
        }
    }

    /// The step's canonical 0–100 value.
    pub fn canonical(self, step: u16) -> f64 {
        match self {
            RatingScale::Letter => LETTER_CANONICAL[usize::from(step.min(12))],
            _ => f64::from(step) * 100.0 / f64::from(self.max_step()),
        }
    }

    /// The step nearest to a canonical value (ties go up, as a generous critic would).
    pub fn step_for(self, canonical: f64) -> u16 {
        let canonical = canonical.clamp(0.0, 100.0);
        match self {
            RatingScale::Letter => {
                let mut best = 0u16;
                for step in 0..=12u16 {
                    let diff = (self.canonical(step) - canonical).abs();
                    if diff <= (self.canonical(best) - canonical).abs() {
                        best = step;
                    }
                }
                // A and A+ share 100: prefer A unless the rating was A+ on its own scale.
                if best == 12 {
                    11
                } else {
                    best
                }
            }
            _ => (canonical * f64::from(self.max_step()) / 100.0 + 0.5).floor() as u16,
        }
    }

    /// The value as readers of this scale know it: "3½", "7", "85", "B+".
    pub fn display(self, step: u16) -> String {
        match self {
            RatingScale::FiveStars | RatingScale::FourStars => {
                let whole = step / 2;
                if step % 2 == 1 {
                    format!("{whole}½")
                } else {
                    whole.to_string()
                }
            }
            RatingScale::TenPoints | RatingScale::HundredPoints => step.to_string(),
            RatingScale::Letter => LETTER_GRADES[usize::from(step.min(12))].to_string(),
        }
    }

    /// The value on the scale's own numbers (3.5 of 5 stars; for letters, canonical 0–100).
    pub fn numeric(self, step: u16) -> f64 {
        match self {
            RatingScale::FiveStars | RatingScale::FourStars => f64::from(step) / 2.0,
            RatingScale::TenPoints | RatingScale::HundredPoints => f64::from(step),
            RatingScale::Letter => self.canonical(step),
        }
    }

    /// Best value on the numbers `numeric` uses.
    pub fn best(self) -> f64 {
        match self {
            RatingScale::FiveStars => 5.0,
            RatingScale::FourStars => 4.0,
            RatingScale::TenPoints => 10.0,
            RatingScale::HundredPoints | RatingScale::Letter => 100.0,
        }
    }

    /// Words for screen readers and for exports: "Rating: 3.5 out of 5 stars", "Rating: B+".
    pub fn accessible(self, step: u16) -> String {
        match self {
            RatingScale::FiveStars | RatingScale::FourStars => {
                format!(
                    "Rating: {} out of {} stars",
                    trim_number(self.numeric(step)),
                    self.best()
                )
            }
            RatingScale::TenPoints => format!("Rating: {step} out of 10"),
            RatingScale::HundredPoints => format!("Rating: {step} out of 100"),
            RatingScale::Letter => format!("Rating: {}", self.display(step)),
        }
    }
}

fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// A review's (or viewing's) rating: the scale it is given on and, once rated, the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
pub struct Rating {
    pub scale: RatingScale,
    /// `None` until the critic rates; otherwise 0..=scale's max step.
    pub step: Option<u16>,
}

impl Rating {
    pub fn unrated(scale: RatingScale) -> Self {
        Rating { scale, step: None }
    }

    /// A rating, refusing a step beyond the scale.
    pub fn new(scale: RatingScale, step: u16) -> Result<Self> {
        let rating = Rating {
            scale,
            step: Some(step),
        };
        rating.validate()?;
        Ok(rating)
    }

    pub fn validate(&self) -> Result<()> {
        match self.step {
            Some(step) if step > self.scale.max_step() => Err(Error::invalid(format!(
                "rating {step} is out of range for {} (0 to {})",
                self.scale.label(),
                self.scale.max_step()
            ))),
            _ => Ok(()),
        }
    }

    pub fn canonical(&self) -> Option<f64> {
        self.step.map(|s| self.scale.canonical(s))
    }

    /// The same rating on another scale, as near as that scale allows.
    pub fn convert(&self, scale: RatingScale) -> Rating {
        if scale == self.scale {
            return *self;
        }
        Rating {
            scale,
            step: self.canonical().map(|c| scale.step_for(c)),
        }
    }

    pub fn display(&self) -> Option<String> {
        self.step.map(|s| self.scale.display(s))
    }

    pub fn accessible(&self) -> Option<String> {
        self.step.map(|s| self.scale.accessible(s))
    }
}

/// Everything the UI needs to draw a scale's control, so that the UI holds no rating logic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScaleInfo {
    pub scale: RatingScale,
    pub label: String,
    pub steps: Vec<StepInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepInfo {
    pub step: u16,
    pub display: String,
    pub accessible: String,
    pub canonical: f64,
}

pub fn scale_infos() -> Vec<ScaleInfo> {
    RatingScale::ALL
        .into_iter()
        .map(|scale| ScaleInfo {
            scale,
            label: scale.label().to_string(),
            steps: (0..=scale.max_step())
                .map(|step| StepInfo {
                    step,
                    display: scale.display(step),
                    accessible: scale.accessible(step),
                    canonical: scale.canonical(step),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_stars_with_halves() {
        let four = Rating::new(RatingScale::FiveStars, 8).unwrap();
        assert_eq!(four.canonical(), Some(80.0));
        assert_eq!(four.display().unwrap(), "4");
        assert_eq!(four.accessible().unwrap(), "Rating: 4 out of 5 stars");
        let three_half = Rating::new(RatingScale::FiveStars, 7).unwrap();
        assert_eq!(three_half.display().unwrap(), "3½");
        assert_eq!(
            three_half.accessible().unwrap(),
            "Rating: 3.5 out of 5 stars"
        );
        assert_eq!(three_half.canonical(), Some(70.0));
    }

    #[test]
    fn every_scale_round_trips_through_canonical() {
        for scale in RatingScale::ALL {
            for step in 0..=scale.max_step() {
                if scale == RatingScale::Letter && step == 12 {
                    continue; // A+ and A share 100, as in Metacritic's table.
                }
                assert_eq!(
                    scale.step_for(scale.canonical(step)),
                    step,
                    "{scale:?} {step}"
                );
            }
        }
    }

    #[test]
    fn conversions_between_scales() {
        let four_stars = Rating::new(RatingScale::FiveStars, 8).unwrap();
        assert_eq!(four_stars.convert(RatingScale::TenPoints).step, Some(8));
        assert_eq!(
            four_stars.convert(RatingScale::HundredPoints).step,
            Some(80)
        );
        assert_eq!(
            four_stars.convert(RatingScale::Letter).display().unwrap(),
            "B+"
        );
        let b_plus = Rating::new(RatingScale::Letter, 9).unwrap();
        assert_eq!(b_plus.canonical(), Some(83.0));
        assert_eq!(b_plus.convert(RatingScale::HundredPoints).step, Some(83));
        assert_eq!(
            b_plus.convert(RatingScale::FiveStars).display().unwrap(),
            "4"
        );
        let a_plus = Rating::new(RatingScale::Letter, 12).unwrap();
        assert_eq!(a_plus.convert(RatingScale::FiveStars).step, Some(10));
        let f = Rating::new(RatingScale::Letter, 0).unwrap();
        assert_eq!(f.convert(RatingScale::FourStars).step, Some(0));
        let seven = Rating::new(RatingScale::TenPoints, 7).unwrap();
        assert_eq!(
            seven.convert(RatingScale::FourStars).display().unwrap(),
            "3"
        );
        assert_eq!(
            Rating::unrated(RatingScale::FiveStars).convert(RatingScale::Letter),
            Rating::unrated(RatingScale::Letter)
        );
    }

    #[test]
    fn out_of_range_is_refused_with_a_clear_message() {
        let err = Rating::new(RatingScale::FiveStars, 11).unwrap_err();
        assert!(
            err.to_string().contains("out of range for 5 stars"),
            "{err}"
        );
        assert!(Rating::new(RatingScale::Letter, 13).is_err());
        assert!(Rating::new(RatingScale::HundredPoints, 100).is_ok());
    }

    #[test]
    fn letters_follow_metacritic() {
        let grade = |g: &str| LETTER_GRADES.iter().position(|x| *x == g).unwrap() as u16;
        assert_eq!(RatingScale::Letter.canonical(grade("A+")), 100.0);
        assert_eq!(RatingScale::Letter.canonical(grade("A")), 100.0);
        assert_eq!(RatingScale::Letter.canonical(grade("B")), 75.0);
        assert_eq!(RatingScale::Letter.canonical(grade("C")), 50.0);
        assert_eq!(RatingScale::Letter.canonical(grade("F")), 0.0);
        assert_eq!(RatingScale::Letter.accessible(grade("B+")), "Rating: B+");
    }

    #[test]
    fn scale_infos_describe_every_step() {
        let infos = scale_infos();
        assert_eq!(infos.len(), 5);
        let stars = &infos[0];
        assert_eq!(stars.steps.len(), 11);
        assert_eq!(stars.steps[9].display, "4½");
    }
}
