//! The ranked table's window: which rows to draw for a scroll position (the
//! rest stand in as spacers of the same height), and how many import problems
//! are listed.

/// Height of one table row in CSS pixels; `static/book.css` fixes rows at this height.
pub const ROW_HEIGHT: f64 = 36.0;

/// Rows rendered above and below the visible ones, so fast scrolling shows no gap.
pub const OVERSCAN: usize = 8;

/// Height of the table's scroll box before it is measured (CSS pixels).
pub const DEFAULT_VIEWPORT: f64 = 432.0;

/// At most this many row problems are listed; the rest are counted.
pub const SHOWN_ERRORS: usize = 100;

/// The rows to render for a scroll position: `(first, end)` with `end`
/// exclusive, [`OVERSCAN`] rows either side of those visible in a box of
/// `viewport` pixels whose first visible row is `first_visible`.
#[must_use]
pub fn window(first_visible: usize, viewport: f64, total: usize) -> (usize, usize) {
    let viewport = if viewport.is_finite() && viewport > 0.0 {
        viewport
    } else {
        DEFAULT_VIEWPORT
    };
    // Truncation intended: whole rows; the value is small and positive.
    let visible = (viewport / ROW_HEIGHT).ceil() as usize + 1;
    let first = first_visible.min(total).saturating_sub(OVERSCAN);
    let end = (first_visible + visible + OVERSCAN).min(total);
    (first.min(end), end)
}

/// The first visible row for a scroll offset in pixels.
#[must_use]
pub fn first_visible(scroll_top: f64) -> usize {
    if scroll_top.is_finite() && scroll_top > 0.0 {
        // Truncation intended: the row the top edge is in.
        (scroll_top / ROW_HEIGHT) as usize
    } else {
        0
    }
}

/// Height in pixels of `rows` table rows (a spacer standing in for them).
#[must_use]
pub fn rows_height(rows: usize) -> u64 {
    // Row counts stay far below 2^52.
    #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let px = (rows as f64 * ROW_HEIGHT) as u64;
    px
}

/// Rows of the shown list the import error list leaves out, after [`SHOWN_ERRORS`].
#[must_use]
pub fn errors_not_shown(error_count: usize) -> usize {
    error_count.saturating_sub(SHOWN_ERRORS)
}
