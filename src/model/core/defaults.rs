//! The model a new user starts from, drawn from the reference material: three
//! components with signals a CSM can observe in the installed base, and the five
//! qualification gates agreed between CS and Sales.

use crate::model::core::{Component, Gate, Model, Scale, ScoreMode, Signal, SignalKind};

/// The default threshold: a lead scoring 70 or more (with its gates met) is a CSQL.
pub const THRESHOLD: &str = "70";

/// Default weights for Engagement, Fit and Intent, in that order.
pub const WEIGHTS: [&str; 3] = ["40", "30", "30"];

impl Default for Model {
    fn default() -> Self {
        Self {
            components: vec![engagement(), fit(), intent()],
            threshold: THRESHOLD.to_owned(),
            gates: gates(),
            account: String::new(),
            as_of: String::new(),
        }
    }
}

fn component(key: &str, name: &str, weight: &str, signals: Vec<Signal>) -> Component {
    Component {
        key: key.to_owned(),
        name: name.to_owned(),
        weight: weight.to_owned(),
        mode: ScoreMode::Signals,
        direct: String::new(),
        signals,
    }
}

fn engagement() -> Component {
    component(
        "engagement",
        "Engagement",
        WEIGHTS[0],
        vec![
            Signal::new(
                "active_users_trend",
                "Active-user trend over the last quarter (0 falling, 5 flat, 10 growing fast)",
                SignalKind::Rating,
                2.0,
            ),
            Signal::new(
                "seats_active",
                "Licensed seats active in the last 30 days (%)",
                SignalKind::Percent,
                1.0,
            ),
            Signal::new("qbr_attended", "Attended the last QBR", SignalKind::YesNo, 1.0),
            Signal::new(
                "responsiveness",
                "Responsiveness to emails and meetings (0-10)",
                SignalKind::Rating,
                1.0,
            ),
        ],
    )
}

fn fit() -> Component {
    component(
        "fit",
        "Fit",
        WEIGHTS[1],
        vec![
            Signal::new(
                "use_case_match",
                "Their use case matches our value proposition",
                SignalKind::YesNo,
                2.0,
            ),
            Signal::new(
                "icp_segment",
                "Their segment matches the ideal customer profile",
                SignalKind::YesNo,
                1.0,
            ),
            Signal::new(
                "integrations",
                "Integrations connected",
                SignalKind::Count {
                    cap: 5.0,
                    scale: Scale::Linear,
                },
                1.0,
            ),
        ],
    )
}

fn intent() -> Component {
    component(
        "intent",
        "Intent",
        WEIGHTS[2],
        vec![
            Signal::new("beyond_plan", "Asked about features beyond their plan", SignalKind::YesNo, 1.0),
            Signal::new("plan_usage", "Usage of plan limits (%)", SignalKind::Percent, 1.0),
            Signal::new("new_stakeholder", "A new team or stakeholder is interested", SignalKind::YesNo, 1.0),
            Signal::new("budget_cycle_open", "Their budget cycle is open", SignalKind::YesNo, 1.0),
        ],
    )
}

fn gate(key: &str, label: &str, question: &str) -> Gate {
    Gate {
        key: key.to_owned(),
        label: label.to_owned(),
        question: question.to_owned(),
        required: true,
        met: false,
    }
}

fn gates() -> Vec<Gate> {
    vec![
        gate("product_fit", "Product fit", "The expansion solves a problem this account has"),
        gate("usage", "Usage signals", "Usage data backs the need, not one positive moment"),
        gate("stakeholder", "Stakeholder buy-in", "A decision maker is engaged and wants it"),
        gate("budget", "Budget", "Budget is identified or the buying cycle is open"),
        gate("timing", "Timing", "They can buy within the next sales cycle"),
    ]
}
