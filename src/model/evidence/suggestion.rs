//! "Fit weights to outcomes": the fit and its cross-validation as a job the
//! page can run a step at a time, and the evidence shown beside the
//! suggestion (current and suggested weights, their cross-validated AUC, and
//! what the suggestion would change at the current threshold).

use crate::model::book::Book;
use crate::model::evidence::fit::{check, judge, Fit, FitData, FitError, FitOptions, Newton, Rows};
use crate::model::evidence::folds::{held_out_auc, rows_without, stratified_folds, summary, CrossValidation, FOLDS, FOLD_SEED};
use crate::model::evidence::scenarios::{compare_plans, Comparison, Scenario, ScenarioPlan};
use crate::model::Model;

/// Fits `data` and cross-validates the fitted and the `current` weights (one
/// per component) in one go; [`FitJob`] does the same a step at a time.
///
/// # Errors
/// The [`FitError`] that refused the fit.
pub fn cross_validate(data: &FitData, current: &[f64], options: &FitOptions) -> Result<CrossValidation, FitError> {
    FitJob::with_options(data.clone(), current.to_vec(), *options)
        .run()
        .map(|report| report.cv)
}

/// A finished fit with its cross-validation.
#[derive(Clone, Debug, PartialEq)]
pub struct FitReport {
    /// The fit on every labelled account.
    pub fit: Fit,
    /// Held-out AUC of the fitted and the current weights.
    pub cv: CrossValidation,
}

/// Where a [`FitJob`] stands after a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// More to do: `done` of `of` stages finished (the fit, then each fold).
    Working {
        /// Stages finished.
        done: u8,
        /// Stages in all.
        of: u8,
    },
    /// Finished; see [`FitJob::result`].
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Check,
    Full,
    Judge,
    Fold(u8),
    Finished,
}

/// A fit and its cross-validation, one Newton iteration per [`FitJob::step`],
/// so the page can run a few steps per frame and stay responsive. All of its
/// input is plain data ([`FitData`] and the current weights).
#[derive(Clone, Debug)]
pub struct FitJob {
    data: FitData,
    current: Vec<f64>,
    options: FitOptions,
    folds: Vec<u8>,
    stage: Stage,
    newton: Option<Newton>,
    /// The finished fit on every account: the start of each fold's fit.
    full: Option<Newton>,
    fitted_aucs: Vec<Option<f64>>,
    current_aucs: Vec<Option<f64>>,
    result: Option<Result<FitReport, FitError>>,
}

impl FitJob {
    /// A job fitting `data`, with `current` (the model's weights, one per
    /// component) cross-validated beside the fit.
    #[must_use]
    pub fn new(data: FitData, current: Vec<f64>) -> Self {
        Self::with_options(data, current, FitOptions::default())
    }

    /// [`FitJob::new`] with chosen options.
    #[must_use]
    pub fn with_options(data: FitData, current: Vec<f64>, options: FitOptions) -> Self {
        let folds = stratified_folds(&data.won, FOLDS, FOLD_SEED);
        Self {
            data,
            current,
            options,
            folds,
            stage: Stage::Check,
            newton: None,
            full: None,
            fitted_aucs: Vec::new(),
            current_aucs: Vec::new(),
            result: None,
        }
    }

    /// Runs the job to the end.
    ///
    /// # Errors
    /// The [`FitError`] that refused the fit.
    pub fn run(mut self) -> Result<FitReport, FitError> {
        while self.step() != Step::Done {}
        self.result.unwrap_or(Err(FitError::Malformed("the fit did not finish".to_owned())))
    }

    /// The outcome, once [`Step::Done`].
    #[must_use]
    pub fn result(&self) -> Option<&Result<FitReport, FitError>> {
        self.result.as_ref()
    }

    fn finish(&mut self, result: Result<FitReport, FitError>) -> Step {
        self.result = Some(result);
        self.stage = Stage::Finished;
        self.newton = None;
        Step::Done
    }

    /// Does one unit of work, about one pass over the labelled accounts: the
    /// checks, one Newton iteration of the fit or of a fold's fit, or the
    /// separation check. See the README for times at 100,000 accounts.
    pub fn step(&mut self) -> Step {
        let p = self.data.columns();
        match self.stage {
            Stage::Finished => return Step::Done,
            Stage::Check => {
                if let Err(e) = check(&self.data.x, &self.data.won, &self.data.names) {
                    return self.finish(Err(e));
                }
                let rows = Rows::all(&self.data.x, &self.data.won, p);
                self.newton = Some(Newton::new(rows, &self.options, None));
                self.stage = Stage::Full;
            }
            Stage::Full => {
                let rows = Rows::all(&self.data.x, &self.data.won, p);
                let Some(newton) = self.newton.as_mut() else {
                    return self.finish(Err(FitError::Malformed("the fit lost its state".to_owned())));
                };
                if newton.step(rows) {
                    self.stage = Stage::Judge;
                }
            }
            Stage::Judge => {
                let rows = Rows::all(&self.data.x, &self.data.won, p);
                let Some(newton) = self.newton.take() else {
                    return self.finish(Err(FitError::Malformed("the fit lost its state".to_owned())));
                };
                if let Err(e) = judge(&newton.fit(), rows) {
                    return self.finish(Err(e));
                }
                self.newton = Some(newton.for_fold(rows_without(&self.data, &self.folds, 0)));
                self.full = Some(newton);
                self.stage = Stage::Fold(0);
            }
            Stage::Fold(fold) => {
                let rows = rows_without(&self.data, &self.folds, fold);
                let (Some(newton), Some(full)) = (self.newton.as_mut(), self.full.as_ref()) else {
                    return self.finish(Err(FitError::Malformed("the fit lost its state".to_owned())));
                };
                if newton.step(rows) {
                    let fitted = newton.fit();
                    self.fitted_aucs
                        .push(held_out_auc(&self.data, &self.folds, fold, &fitted.coefficients));
                    let usable = self.current.iter().sum::<f64>() > 0.0;
                    self.current_aucs
                        .push(usable.then(|| held_out_auc(&self.data, &self.folds, fold, &self.current)).flatten());
                    if fold + 1 < FOLDS {
                        self.newton = Some(full.for_fold(rows_without(&self.data, &self.folds, fold + 1)));
                        self.stage = Stage::Fold(fold + 1);
                    } else {
                        let report = FitReport {
                            fit: full.fit(),
                            cv: summary(&self.fitted_aucs, &self.current_aucs),
                        };
                        return self.finish(Ok(report));
                    }
                }
            }
        }
        let done = match self.stage {
            Stage::Check | Stage::Full | Stage::Judge => 0,
            Stage::Fold(f) => f + 1,
            Stage::Finished => FOLDS + 1,
        };
        Step::Working { done, of: FOLDS + 1 }
    }
}

/// The evidence beside "Apply suggested weights".
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Component keys, model order.
    pub keys: Vec<String>,
    /// Component names.
    pub names: Vec<String>,
    /// The current weights as shares in percent.
    pub current: Vec<f64>,
    /// The suggested weights as shares in percent.
    pub suggested: Vec<f64>,
    /// The suggested weights as text for the weight fields (one decimal, sum 100).
    pub weights_text: Vec<String>,
    /// Cross-validated AUC of both.
    pub cv: CrossValidation,
    /// The current threshold, at which the change is measured.
    pub threshold: f64,
    /// Current (index 0) against suggested (index 1) at the current
    /// threshold and gates: CSQLs, conversion, captured, AUC and the flips.
    pub change: Comparison,
}

impl Suggestion {
    /// The evidence for `report` on `book`, against the current `weights` (one
    /// per component, any scale) and `threshold`.
    #[must_use]
    pub fn new(book: &Book, weights: &[f64], threshold: f64, report: &FitReport) -> Self {
        let total: f64 = weights.iter().sum();
        let current: Vec<f64> = weights
            .iter()
            .map(|w| if total > 0.0 && total.is_finite() { w / total * 100.0 } else { 0.0 })
            .collect();
        let weights_text = report.fit.weights_text();
        // The weights as they will be applied (one decimal), so the change shown is the change made.
        let applied: Vec<f64> = weights_text.iter().map(|t| t.parse().unwrap_or(0.0)).collect();
        let required: Vec<bool> = book.gates().iter().map(|g| g.required).collect();
        let plan = |name: &str, weights: Vec<f64>| ScenarioPlan {
            name: name.to_owned(),
            weights,
            threshold,
            required: required.clone(),
        };
        let change = compare_plans(book, &[plan("Current", weights.to_vec()), plan("Suggested", applied)]);
        Self {
            keys: book.components().iter().map(|c| c.key.clone()).collect(),
            names: book.components().iter().map(|c| c.name.clone()).collect(),
            current,
            suggested: report.fit.shares(),
            weights_text,
            cv: report.cv,
            threshold,
            change,
        }
    }

    /// Rows that would become CSQLs.
    #[must_use]
    pub fn moved_in(&self) -> Vec<usize> {
        self.change.moved_in(0, 1)
    }

    /// Rows that would stop being CSQLs.
    #[must_use]
    pub fn moved_out(&self) -> Vec<usize> {
        self.change.moved_out(0, 1)
    }

    /// `model` with the suggested weights applied (threshold and gates kept).
    #[must_use]
    pub fn apply(&self, model: &Model) -> Model {
        self.scenario("Suggested", model).apply(model)
    }

    /// The suggested weights, with the model's threshold and required gates,
    /// as a scenario to keep and compare.
    #[must_use]
    pub fn scenario(&self, name: &str, model: &Model) -> Scenario {
        let mut scenario = Scenario::from_model(name, model);
        for (key, text) in self.keys.iter().zip(&self.weights_text) {
            scenario.weights.insert(key.clone(), text.clone());
        }
        scenario
    }
}
