//! The share link: a document as a compact code in the URL fragment
//! (`#m=1.<base64url(deflate(json))>`), and the embed address and snippet
//! that carry it into a wiki frame.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::model::core::limits::{MAX_CODE_LEN, MAX_JSON_LEN};
use crate::model::share::document::{from_json, version_number, Document, LoadError, FRAGMENT_KEY, VERSION};
use crate::model::share::route::Theme;
use crate::model::{Model, ScoreMode};

/// The compact link code for a document: `1.` then base64url of the deflated JSON.
#[must_use]
pub fn encode_link(document: &Document) -> String {
    let json = serde_json::to_vec(document).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a document from a link code made by [`encode_link`] (this or an older release).
///
/// # Errors
/// Any [`LoadError`]: damaged, truncated, oversized, a decompression bomb,
/// another version, or a model that fails [`check`].
pub fn decode_link(code: &str) -> Result<Document, LoadError> {
    let code = code.trim();
    if code.len() > MAX_CODE_LEN {
        return Err(LoadError::TooLarge(code.len()));
    }
    let (version, payload) = code.split_once('.').ok_or(LoadError::BadEncoding)?;
    // Digits are a version, known or not; anything else is a damaged link.
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LoadError::BadEncoding);
    }
    let version = version_number(version)?;
    if version > VERSION {
        return Err(LoadError::NewerVersion(version));
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| LoadError::BadEncoding)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_LEN).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LoadError::UnpacksTooLarge,
        _ => LoadError::BadCompression,
    })?;
    let text = std::str::from_utf8(&json).map_err(|_| LoadError::NotJson {
        detail: "not UTF-8 text".to_owned(),
    })?;
    from_json(text)
}

/// The link code in a URL fragment (`#m=1.abc`), if there is one.
#[must_use]
pub fn code_in_fragment(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY)?.strip_prefix('='))
}

/// The address of the locked, embeddable calculator for this document:
/// `embed.html` beside the page, with `lock=1` and the share link.
#[must_use]
pub fn embed_src(address: &str, document: &Document, theme: Theme) -> String {
    let base = address.rsplit_once('/').map_or("", |(base, _)| base);
    let base = if base.is_empty() { "." } else { base };
    let theme = theme.key().map(|t| format!("&theme={t}")).unwrap_or_default();
    format!("{base}/embed.html?lock=1{theme}#{FRAGMENT_KEY}={}", encode_link(document))
}

/// A ready `<iframe>` snippet for a wiki page, with the few lines of script
/// that resize the frame from the page's height messages.
#[must_use]
pub fn embed_snippet(address: &str, document: &Document, theme: Theme) -> String {
    let src = embed_src(address, document, theme);
    let height = embed_height(&document.model);
    format!(
        "<iframe id=\"csql-calculator\" title=\"CSQL calculator\" src=\"{src}\" width=\"100%\" height=\"{height}\" \
         style=\"border:0;max-width:1100px\" sandbox=\"allow-scripts allow-downloads\" loading=\"lazy\"></iframe>\n\
         <script>\n\
         addEventListener(\"message\", function (event) {{\n  \
           var frame = document.getElementById(\"csql-calculator\");\n  \
           if (frame && event.source === frame.contentWindow && event.data && event.data.type === \"csql-calculator:height\") {{\n    \
             frame.style.height = event.data.height + \"px\";\n  \
           }}\n\
         }});\n\
         </script>"
    )
}

/// A frame height in pixels that fits the embedded calculator for this model
/// on a wide screen; the frame resizes itself from there when the host listens.
#[must_use]
pub fn embed_height(model: &Model) -> u32 {
    let mut height = 260;
    for component in &model.components {
        height += match component.mode {
            ScoreMode::Direct => 150,
            ScoreMode::Signals => 160 + 52 * component.signals.len(),
        };
    }
    let side = 640 + 58 * model.gates.len();
    u32::try_from(height.max(side)).unwrap_or(u32::MAX)
}
