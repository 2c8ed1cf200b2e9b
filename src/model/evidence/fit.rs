//! Weights fitted to outcomes: a logistic regression of won against the
//! component scores, coefficients constrained to be non-negative (so they map
//! to weights), the intercept free, and a small ridge penalty.
//!
//! The model: `P(won) = 1 / (1 + exp(-(a + b1 x1 + ... + bn xn)))`, `xj` the
//! component scores (0-100). Fitted coefficients `bj >= 0` become weights
//! `Wj = 100 bj / (b1 + ... + bn)`; then `a + (b1 + ... + bn) x CSQL score` is
//! the fitted log-odds, so ranking accounts by the CSQL score with these
//! weights is ranking them by the fitted chance to win.
//!
//! **Penalty.** The solver works on standardised scores (each component
//! centred and divided by its standard deviation over the accounts fitted) and
//! minimises the negative log-likelihood plus `RIDGE / 2 x sum(gj^2)` over the
//! standardised coefficients `gj` (the intercept is not penalised). [`RIDGE`]
//! is 1: a labelled account at even odds carries `0.25` units of information
//! about each standardised coefficient, so the penalty weighs as much as about
//! four labelled accounts per component. On the 3,000-account sample (422
//! outcomes) it shrinks the coefficients by 2-4% and moves the weights by less
//! than half a point; on the smallest book the fit accepts (20 of the rarer
//! outcome) it keeps them from swinging on one or two accounts. Standardising makes the penalty the same whatever a component's
//! spread, so it favours no component.
//!
//! **Solver.** Projected (proximal) Newton: each iteration makes one pass over
//! the data for the objective, gradient and Hessian, minimises the quadratic model under
//! the constraints `gj >= 0` by coordinate descent on the small (n+1)-square
//! system (3-12 components: at most 13 unknowns), then backtracks along that
//! direction until the objective falls enough (Armijo). The objective is
//! strictly convex (the ridge), so this converges to the single optimum,
//! usually in 5-10 iterations. The solver runs one iteration per step, so the
//! page can spread a fit over frames ([`crate::model::evidence::FitJob`]).

use thiserror::Error;

use crate::model::book::Book;

/// The ridge penalty on the standardised coefficients; see the module doc.
pub const RIDGE: f64 = 1.0;

/// The rarer outcome (won or lost) needs at least this many accounts per component...
pub const MIN_PER_COMPONENT: usize = 10;

/// ...and at least this many in all, whatever the number of components.
pub const MIN_RARER: usize = 20;

/// Newton iterations before the solver stops (it needs far fewer).
pub const MAX_ITERATIONS: usize = 100;

/// A step smaller than this (in standardised units) ends the fit: converged.
const STEP_TOLERANCE: f64 = 1e-9;

/// The same for a cross-validation fold's fit: it only has to rank the held-out
/// accounts, and a millionth of a standard deviation changes no ranking.
const FOLD_STEP_TOLERANCE: f64 = 1e-6;

/// A standard deviation this small (in score points) makes a component constant.
const CONSTANT_SPREAD: f64 = 1e-9;

/// The fewest accounts of the rarer outcome a fit with `components`
/// components needs: 10 per component (the usual "ten events per variable"
/// rule for logistic regression), and at least 20.
#[must_use]
pub fn min_outcomes(components: usize) -> usize {
    (MIN_PER_COMPONENT * components).max(MIN_RARER)
}

/// The settings of a fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FitOptions {
    /// Ridge penalty on the standardised coefficients ([`RIDGE`]).
    pub ridge: f64,
    /// Most Newton iterations ([`MAX_ITERATIONS`]).
    pub max_iterations: usize,
}

impl Default for FitOptions {
    fn default() -> Self {
        Self {
            ridge: RIDGE,
            max_iterations: MAX_ITERATIONS,
        }
    }
}

/// What a fit reads, as plain data (it can be sent to a worker): the
/// component scores of the labelled accounts, row-major, and their outcome.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FitData {
    /// Component names, model order (for messages).
    pub names: Vec<String>,
    /// `names.len()` scores per account, 0-100.
    pub x: Vec<f64>,
    /// Closed won (true) or lost, one per account.
    pub won: Vec<bool>,
    /// Each account's row in the book.
    pub rows: Vec<usize>,
}

impl FitData {
    /// The labelled accounts of `book` (closed-won cell yes or no).
    #[must_use]
    pub fn from_book(book: &Book) -> Self {
        let mut data = Self {
            names: book.components().iter().map(|c| c.name.clone()).collect(),
            ..Self::default()
        };
        for row in 0..book.len() {
            if let Some(won) = book.won(row) {
                data.x.extend_from_slice(book.component_scores(row));
                data.won.push(won);
                data.rows.push(row);
            }
        }
        data
    }

    /// Number of components.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.names.len()
    }
}

/// A fitted model on the scale of the component scores.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// `a`: the log-odds of winning when every component scores 0.
    pub intercept: f64,
    /// `bj >= 0`: log-odds per point of each component score.
    pub coefficients: Vec<f64>,
    /// Newton iterations used.
    pub iterations: usize,
    /// False when the iteration limit stopped the solver first.
    pub converged: bool,
}

impl Fit {
    /// The fitted log-odds of winning for one account's component scores.
    #[must_use]
    pub fn logit(&self, scores: &[f64]) -> f64 {
        self.intercept + self.coefficients.iter().zip(scores).map(|(b, x)| b * x).sum::<f64>()
    }

    /// The weights as shares in percent, summing to 100 (all 0 when every
    /// coefficient is 0).
    #[must_use]
    pub fn shares(&self) -> Vec<f64> {
        let total: f64 = self.coefficients.iter().sum();
        if total > 0.0 && total.is_finite() {
            self.coefficients.iter().map(|b| b / total * 100.0).collect()
        } else {
            vec![0.0; self.coefficients.len()]
        }
    }

    /// The shares rounded to one decimal so that they add up to exactly 100
    /// (largest remainders get the spare tenths), as text to put in the
    /// weight fields: `["31.2", "9.6", "59.2"]`.
    #[must_use]
    pub fn weights_text(&self) -> Vec<String> {
        let shares = self.shares();
        if shares.iter().all(|s| *s <= 0.0) {
            return vec!["0".to_owned(); shares.len()];
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=1000 tenths
        let mut tenths: Vec<u32> = shares.iter().map(|s| (s * 10.0).floor().max(0.0) as u32).collect();
        let given: u32 = tenths.iter().sum();
        let mut order: Vec<usize> = (0..shares.len()).collect();
        order.sort_by(|&a, &b| {
            let rest = |i: usize| shares[i] * 10.0 - f64::from(tenths[i]);
            rest(b).total_cmp(&rest(a)).then(a.cmp(&b))
        });
        for &i in order.iter().cycle().take(1000usize.saturating_sub(given as usize)) {
            tenths[i] += 1;
        }
        tenths.iter().map(|t| format!("{}.{}", t / 10, t % 10)).collect()
    }
}

/// Why no weights are fitted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FitError {
    /// Too few won or lost accounts for a stable fit.
    #[error("too few outcomes to fit: {won} won and {lost} lost; fitting {components} components needs at least {needed} of each")]
    TooFew {
        /// Won accounts.
        won: usize,
        /// Lost accounts.
        lost: usize,
        /// Components to fit.
        components: usize,
        /// The fewest of each outcome needed ([`min_outcomes`]).
        needed: usize,
    },
    /// Every labelled account has the same outcome.
    #[error("every one of the {count} labelled accounts was {}: a fit needs both won and lost accounts", if *won { "won" } else { "lost" })]
    AllSame {
        /// True when all were won.
        won: bool,
        /// Labelled accounts.
        count: usize,
    },
    /// A component scores the same for every labelled account, so nothing can
    /// be learnt about its weight.
    #[error("{name} scores the same ({score}) for every labelled account, so its weight cannot be fitted; map a column that feeds it or remove it")]
    Constant {
        /// The component's name.
        name: String,
        /// Its one score, to one decimal.
        score: String,
    },
    /// Some weights rank every won account above every lost one.
    #[error("the data separates perfectly: some weights put every won account above every lost one, so the fitted weights are not reliable (more outcomes will help)")]
    Separation,
    /// No component scores higher on won accounts, so every coefficient is 0.
    #[error("no component scores higher on won accounts than on lost ones, so there are no weights to suggest")]
    NoPositive,
    /// The fit was stopped before it gave a result.
    #[error("the fit did not finish")]
    Unfinished,
    /// The input does not have one score per component for each account, or
    /// holds a value that is not a finite number.
    #[error("the fit input is malformed: {0}")]
    Malformed(String),
}

/// Fits the weights with [`FitOptions::default`]: `x` holds `names.len()`
/// component scores per account (row-major), `won` each account's outcome.
///
/// # Errors
/// A [`FitError`] saying why no fit is given (too few outcomes, all the same,
/// a constant component, perfect separation, nothing positive, bad input).
pub fn fit(x: &[f64], won: &[bool], names: &[String]) -> Result<Fit, FitError> {
    fit_with(x, won, names, &FitOptions::default())
}

/// [`fit`] with chosen options.
///
/// # Errors
/// As [`fit`].
pub fn fit_with(x: &[f64], won: &[bool], names: &[String], options: &FitOptions) -> Result<Fit, FitError> {
    check(x, won, names)?;
    let data = Rows::all(x, won, names.len());
    let mut newton = Newton::new(data, options, None);
    while !newton.step(data) {}
    let fit = newton.fit();
    judge(&fit, data)?;
    Ok(fit)
}

/// The refusals that need no fit: shape, outcomes, constant components.
///
/// # Errors
/// The first [`FitError`] that applies.
pub fn check(x: &[f64], won: &[bool], names: &[String]) -> Result<(), FitError> {
    let p = names.len();
    if p == 0 {
        return Err(FitError::Malformed("there is no component".to_owned()));
    }
    if x.len() != won.len() * p {
        return Err(FitError::Malformed(format!(
            "{} scores for {} accounts of {p} components",
            x.len(),
            won.len()
        )));
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(FitError::Malformed("a score is not a finite number".to_owned()));
    }
    let wins = won.iter().filter(|w| **w).count();
    let losses = won.len() - wins;
    if !won.is_empty() && (wins == 0 || losses == 0) {
        return Err(FitError::AllSame {
            won: wins > 0,
            count: won.len(),
        });
    }
    let needed = min_outcomes(p);
    if wins.min(losses) < needed {
        return Err(FitError::TooFew {
            won: wins,
            lost: losses,
            components: p,
            needed,
        });
    }
    let data = Rows::all(x, won, p);
    let (means, spreads) = data.moments();
    if let Some(j) = spreads.iter().position(|s| *s <= CONSTANT_SPREAD) {
        return Err(FitError::Constant {
            name: names[j].clone(),
            score: crate::model::core::format::one_decimal(Some(means[j])),
        });
    }
    Ok(())
}

/// The refusals that need the fit: nothing positive, perfect separation.
pub(crate) fn judge(fit: &Fit, data: Rows<'_>) -> Result<(), FitError> {
    if fit.coefficients.iter().all(|b| *b <= 0.0) {
        return Err(FitError::NoPositive);
    }
    let mut lowest_won = f64::INFINITY;
    let mut highest_lost = f64::NEG_INFINITY;
    for i in data.included() {
        let logit = fit.logit(data.row(i));
        if data.won[i] {
            lowest_won = lowest_won.min(logit);
        } else {
            highest_lost = highest_lost.max(logit);
        }
    }
    // Every won strictly above every lost (beyond float noise): perfect separation.
    if lowest_won > highest_lost + crate::model::core::number::TOLERANCE {
        return Err(FitError::Separation);
    }
    Ok(())
}

/// The accounts a fit reads: all of them, or all but one cross-validation fold.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rows<'a> {
    /// Row-major scores.
    pub x: &'a [f64],
    /// Outcomes.
    pub won: &'a [bool],
    /// Components.
    pub p: usize,
    /// Fold of each account and the fold left out, if any.
    pub leave_out: Option<(&'a [u8], u8)>,
}

impl<'a> Rows<'a> {
    /// Every account.
    pub fn all(x: &'a [f64], won: &'a [bool], p: usize) -> Self {
        Self {
            x,
            won,
            p,
            leave_out: None,
        }
    }

    /// The scores of account `i`.
    pub fn row(&self, i: usize) -> &'a [f64] {
        self.x.get(i * self.p..(i + 1) * self.p).unwrap_or(&[])
    }

    /// Indices of the accounts read.
    pub fn included(self) -> impl Iterator<Item = usize> + 'a {
        let n = self.won.len().min(self.x.len().checked_div(self.p).unwrap_or(0));
        let leave_out = self.leave_out;
        (0..n).filter(move |&i| leave_out.is_none_or(|(folds, fold)| folds.get(i) != Some(&fold)))
    }

    /// Mean and standard deviation (population) of each component, two passes.
    pub fn moments(self) -> (Vec<f64>, Vec<f64>) {
        let p = self.p;
        let mut means = vec![0.0; p];
        let mut n = 0usize;
        for i in self.included() {
            for (m, v) in means.iter_mut().zip(self.row(i)) {
                *m += v;
            }
            n += 1;
        }
        if n == 0 {
            return (means, vec![0.0; p]);
        }
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let count = n as f64;
        for m in &mut means {
            *m /= count;
        }
        let mut spreads = vec![0.0; p];
        for i in self.included() {
            for ((s, v), m) in spreads.iter_mut().zip(self.row(i)).zip(&means) {
                *s += (v - m) * (v - m);
            }
        }
        for s in &mut spreads {
            *s = (*s / count).sqrt();
        }
        (means, spreads)
    }
}

/// Rows whose `ln(1 + e^-|eta|)` terms are multiplied together before one
/// logarithm is taken: each factor lies in (1, 2], so the product stays below
/// 2^512, and the objective costs one `ln` per block instead of one per row.
const LOG_BLOCK: usize = 512;

/// The objective at some parameters and, when asked for, its derivatives.
#[derive(Clone, Debug)]
struct Evaluation {
    /// Negative log-likelihood plus the ridge term.
    value: f64,
    /// Gradient, `p + 1` long (intercept first).
    gradient: Vec<f64>,
    /// Hessian, row-major `(p + 1)^2`.
    hessian: Vec<f64>,
}

/// The state of a projected Newton fit, one [`Newton::step`] at a time.
///
/// Parameters are `theta = [intercept, g1..gn]` on standardised scores
/// `zj = (xj - mean_j) / sd_j`; a constant component gets `1 / sd = 0` and
/// keeps `gj = 0`. Each step costs one pass over the accounts in the usual
/// case: the trial point's objective, gradient and Hessian come out of the
/// same pass, and the full Newton step is almost always accepted.
#[derive(Clone, Debug)]
pub(crate) struct Newton {
    means: Vec<f64>,
    inverse_spreads: Vec<f64>,
    theta: Vec<f64>,
    ridge: f64,
    max_iterations: usize,
    iterations: usize,
    done: bool,
    converged: bool,
    /// The objective and derivatives at `theta`, once known.
    here: Option<Evaluation>,
    /// A Hessian to use instead of computing one (a fold's fit; see [`Newton::for_fold`]).
    frozen: Option<Vec<f64>>,
    /// Accounts read.
    count: usize,
    /// Converged when a step is smaller than this.
    tolerance: f64,
}

impl Newton {
    /// A fit of `data`, starting from `start` (a warm start, e.g. the fit on all
    /// accounts when fitting a fold) or from the outcome rate alone.
    pub fn new(data: Rows<'_>, options: &FitOptions, start: Option<&Fit>) -> Self {
        let (means, spreads) = data.moments();
        let inverse_spreads: Vec<f64> = spreads.iter().map(|s| if *s > CONSTANT_SPREAD { 1.0 / s } else { 0.0 }).collect();
        let mut theta = vec![0.0; data.p + 1];
        match start {
            Some(fit) if fit.coefficients.len() == data.p => {
                let mut intercept = fit.intercept;
                for j in 0..data.p {
                    let b = if inverse_spreads[j] > 0.0 {
                        fit.coefficients[j].max(0.0)
                    } else {
                        0.0
                    };
                    theta[j + 1] = b / inverse_spreads[j].max(f64::MIN_POSITIVE);
                    intercept += b * means[j];
                }
                theta[0] = intercept;
            }
            _ => {
                let (mut wins, mut n) = (0usize, 0usize);
                for i in data.included() {
                    wins += usize::from(data.won[i]);
                    n += 1;
                }
                #[allow(clippy::cast_precision_loss)] // counts far below 2^52
                let rate = ((wins as f64 + 0.5) / (n as f64 + 1.0)).clamp(1e-6, 1.0 - 1e-6);
                theta[0] = (rate / (1.0 - rate)).ln();
            }
        }
        let ridge = if options.ridge.is_finite() { options.ridge.max(0.0) } else { RIDGE };
        let finite = theta.iter().all(|t| t.is_finite());
        Self {
            means,
            inverse_spreads,
            theta: if finite { theta } else { vec![0.0; data.p + 1] },
            ridge,
            max_iterations: options.max_iterations,
            iterations: 0,
            done: false,
            converged: false,
            here: None,
            frozen: None,
            count: data.included().count(),
            tolerance: STEP_TOLERANCE,
        }
    }

    /// A fit of `fold_data` (the accounts outside one cross-validation fold)
    /// starting from this finished fit on every account, in the same
    /// standardised units, with this fit's Hessian scaled to the fold's size
    /// held fixed instead of recomputed. Each fold pass then needs only the
    /// gradient (a tenth of the work at 12 components); from a start this close
    /// the iteration still converges in a few steps, to the fold's own optimum.
    pub fn for_fold(&self, fold_data: Rows<'_>) -> Self {
        let q = self.theta.len();
        let count = fold_data.included().count();
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let share = if self.count > 0 { count as f64 / self.count as f64 } else { 1.0 };
        let frozen = self.here.as_ref().filter(|h| h.hessian.len() == q * q).map(|here| {
            let mut hessian: Vec<f64> = here.hessian.iter().map(|h| h * share).collect();
            for k in 1..q {
                // The ridge does not shrink with the data.
                hessian[k * q + k] += self.ridge * (1.0 - share);
            }
            hessian
        });
        Self {
            means: self.means.clone(),
            inverse_spreads: self.inverse_spreads.clone(),
            theta: self.theta.clone(),
            ridge: self.ridge,
            max_iterations: self.max_iterations,
            iterations: 0,
            done: false,
            converged: false,
            here: None,
            frozen,
            count,
            tolerance: FOLD_STEP_TOLERANCE,
        }
    }

    /// The current parameters on the scale of the component scores.
    pub fn fit(&self) -> Fit {
        let coefficients: Vec<f64> = self.theta[1..].iter().zip(&self.inverse_spreads).map(|(g, s)| g * s).collect();
        let intercept = self.theta[0] - coefficients.iter().zip(&self.means).map(|(b, m)| b * m).sum::<f64>();
        Fit {
            intercept,
            coefficients,
            iterations: self.iterations,
            converged: self.converged,
        }
    }

    /// One pass over the accounts: the objective at `theta` and, when
    /// `derivatives`, its gradient and Hessian.
    fn evaluate(&self, data: Rows<'_>, theta: &[f64], derivatives: bool) -> Evaluation {
        let hessian_wanted = derivatives && self.frozen.is_none();
        let p = data.p;
        let q = p + 1;
        // z = standardised scores with a leading 1 for the intercept.
        let mut z = vec![1.0; q];
        let mut gradient = vec![0.0; q];
        // Upper triangle, row by row: (0,0) (0,1) .. (0,p) (1,1) .. (p,p).
        let mut triangle = vec![0.0; q * (q + 1) / 2];
        let (mut linear, mut product, mut logs, mut in_block) = (0.0, 1.0, 0.0, 0usize);
        let leave_out = data.leave_out;
        for (i, (row, won)) in data.x.chunks_exact(p.max(1)).zip(data.won).enumerate() {
            if let Some((folds, fold)) = leave_out {
                if folds.get(i) == Some(&fold) {
                    continue;
                }
            }
            let mut eta = theta[0];
            for (((zj, x), (m, s)), g) in z[1..]
                .iter_mut()
                .zip(row)
                .zip(self.means.iter().zip(&self.inverse_spreads))
                .zip(&theta[1..])
            {
                *zj = (x - m) * s;
                eta += g * *zj;
            }
            // softplus(eta) = max(eta, 0) + ln(1 + e), e = exp(-|eta|) in (0, 1].
            let e = (-eta.abs()).exp();
            linear += eta.max(0.0) - if *won { eta } else { 0.0 };
            product *= 1.0 + e;
            in_block += 1;
            if in_block == LOG_BLOCK {
                logs += product.ln();
                product = 1.0;
                in_block = 0;
            }
            if derivatives {
                let mu = if eta >= 0.0 { 1.0 / (1.0 + e) } else { e / (1.0 + e) };
                let residual = mu - if *won { 1.0 } else { 0.0 };
                let weight = mu * (1.0 - mu);
                for (g, zk) in gradient.iter_mut().zip(&z) {
                    *g += residual * zk;
                }
                if !hessian_wanted {
                    continue;
                }
                let mut rest = &mut triangle[..];
                for k in 0..q {
                    let (row, tail) = rest.split_at_mut(q - k);
                    let wk = weight * z[k];
                    for (h, zl) in row.iter_mut().zip(&z[k..]) {
                        *h += wk * zl;
                    }
                    rest = tail;
                }
            }
        }
        let ridge_term = 0.5 * self.ridge * theta[1..].iter().map(|g| g * g).sum::<f64>();
        let value = linear + logs + product.ln() + ridge_term;
        let mut hessian = Vec::new();
        if derivatives {
            for k in 1..q {
                gradient[k] += self.ridge * theta[k];
            }
        }
        if let (true, Some(frozen)) = (derivatives, &self.frozen) {
            hessian.clone_from(frozen);
        } else if derivatives {
            hessian = vec![0.0; q * q];
            let mut index = 0;
            for k in 0..q {
                for l in k..q {
                    hessian[k * q + l] = triangle[index];
                    hessian[l * q + k] = triangle[index];
                    index += 1;
                }
                hessian[k * q + k] += if k > 0 { self.ridge } else { 0.0 };
            }
        }
        Evaluation { value, gradient, hessian }
    }

    /// One Newton iteration, or the first evaluation: one pass over the
    /// accounts in the usual case. Returns true when the fit is done.
    pub fn step(&mut self, data: Rows<'_>) -> bool {
        if self.done {
            return true;
        }
        if self.iterations >= self.max_iterations {
            self.done = true;
            return true;
        }
        let Some(here) = self.here.as_ref() else {
            // A step of its own, so no step costs more than about one pass.
            self.here = Some(self.evaluate(data, &self.theta, true));
            return false;
        };
        self.iterations += 1;
        let direction = constrained_newton_direction(&here.gradient, &here.hessian, &self.theta);
        let size = direction.iter().fold(0.0f64, |m, d| m.max(d.abs()));
        if !size.is_finite() || size <= self.tolerance || !here.value.is_finite() {
            self.done = true;
            self.converged = size.is_finite() && here.value.is_finite();
            return true;
        }
        let (value, slope) = (here.value, here.gradient.iter().zip(&direction).map(|(g, d)| g * d).sum::<f64>());
        let mut t = 1.0;
        let mut trial = vec![0.0; self.theta.len()];
        for attempt in 0..40 {
            for (k, v) in trial.iter_mut().enumerate() {
                *v = self.theta[k] + t * direction[k];
                if k > 0 {
                    *v = v.max(0.0);
                }
            }
            // The full step usually passes: get its derivatives in the same pass.
            let there = self.evaluate(data, &trial, attempt == 0);
            if there.value.is_finite() && there.value <= value + 1e-4 * t * slope {
                self.theta.copy_from_slice(&trial);
                self.here = (attempt == 0).then_some(there);
                if t * size <= self.tolerance {
                    self.done = true;
                    self.converged = true;
                }
                return self.done;
            }
            t *= 0.5;
        }
        // No decrease along the direction: at the optimum to float precision.
        self.done = true;
        self.converged = true;
        true
    }
}

/// Minimises `g.d + d.H.d / 2` subject to `theta[k] + d[k] >= 0` for every
/// `k > 0`, by cyclic coordinate descent (exact along each coordinate, then
/// clipped to the bound). `H` is positive definite on the coefficients (the
/// ridge), so this converges; with at most 13 unknowns a sweep is cheap.
fn constrained_newton_direction(gradient: &[f64], hessian: &[f64], theta: &[f64]) -> Vec<f64> {
    let q = gradient.len();
    let mut d = vec![0.0; q];
    for _ in 0..10_000 {
        let mut change = 0.0f64;
        let mut largest = 0.0f64;
        for k in 0..q {
            let h = hessian[k * q + k];
            if !(h > 0.0 && h.is_finite()) {
                continue;
            }
            let r = gradient[k] + hessian[k * q..(k + 1) * q].iter().zip(&d).map(|(a, b)| a * b).sum::<f64>();
            let mut next = d[k] - r / h;
            if k > 0 {
                next = next.max(-theta[k]);
            }
            change = change.max((next - d[k]).abs());
            d[k] = next;
            largest = largest.max(next.abs());
        }
        if change <= 1e-13 * (1.0 + largest) {
            break;
        }
    }
    d
}
