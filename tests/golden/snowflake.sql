-- The CSQL model as one query for Snowflake, written by the CSQL calculator.
-- It reads the table crm.accounts and returns each account with these columns added:
--   health_score, fit_score: each component's score, 0-100
--   csql_score: Health x 0.75 + Fit x 0.25
--   csql_verdict: csql, gates-missing or below-threshold (threshold 60, a score up to 1e-9 below it counts),
--     or invalid (scores NULL) where the calculator's book view would skip the row:
--     a blank account id or a value it cannot read
--   csql_gates_missing: the required gates answered no or blank, comma-separated keys
-- Yes/no: yes, y, true, 1 or no, n, false, 0 (any case); a blank yes/no is no, a blank number scores 0.
-- Dates (YYYY-MM-DD) are scored as of CURRENT_DATE: 100 on that day, halving every half-life; a later date is invalid.
WITH
csql_blank AS (
  -- The characters trimmed from both ends of every value: Unicode white space.
  SELECT CHR(9) || CHR(10) || CHR(11) || CHR(12) || CHR(13) || CHR(32) || CHR(133) || CHR(160) || CHR(5760) || CHR(8192) || CHR(8193) || CHR(8194) || CHR(8195) || CHR(8196) || CHR(8197) || CHR(8198) || CHR(8199) || CHR(8200) || CHR(8201) || CHR(8202) || CHR(8232) || CHR(8233) || CHR(8239) || CHR(8287) || CHR(12288) AS chars
),
csql_cell AS (
  -- 1. Every column the model reads, as text ('' when NULL).
  SELECT
    a.*,
    coalesce(CAST(a."Account ID" AS VARCHAR), '') AS csql_r1,  -- Account ID
    coalesce(CAST(a."order" AS VARCHAR), '') AS csql_r2,  -- order
    coalesce(CAST(a.champion AS VARCHAR), '') AS csql_r3,  -- champion
    coalesce(CAST(a.last_qbr AS VARCHAR), '') AS csql_r4,  -- last_qbr
    coalesce(CAST(a.seats AS VARCHAR), '') AS csql_r5,  -- seats
    coalesce(CAST(a.fit AS VARCHAR), '') AS csql_r6,  -- fit
    coalesce(CAST(a.budget AS VARCHAR), '') AS csql_r7,  -- budget
    coalesce(CAST(a."o'clock" AS VARCHAR), '') AS csql_r8,  -- o'clock
    coalesce(CAST(a.accepted AS VARCHAR), '') AS csql_r9  -- accepted
  FROM crm.accounts AS a
),
csql_text AS (
  -- 2. Without white space at either end.
  SELECT
    *,
    CASE WHEN position(left(csql_r1, 1), w.chars) = 0 AND position(right(csql_r1, 1), w.chars) = 0 THEN csql_r1 ELSE trim(csql_r1, w.chars) END AS csql_t1,
    CASE WHEN position(left(csql_r2, 1), w.chars) = 0 AND position(right(csql_r2, 1), w.chars) = 0 THEN csql_r2 ELSE trim(csql_r2, w.chars) END AS csql_t2,
    CASE WHEN position(left(csql_r3, 1), w.chars) = 0 AND position(right(csql_r3, 1), w.chars) = 0 THEN csql_r3 ELSE trim(csql_r3, w.chars) END AS csql_t3,
    CASE WHEN position(left(csql_r4, 1), w.chars) = 0 AND position(right(csql_r4, 1), w.chars) = 0 THEN csql_r4 ELSE trim(csql_r4, w.chars) END AS csql_t4,
    CASE WHEN position(left(csql_r5, 1), w.chars) = 0 AND position(right(csql_r5, 1), w.chars) = 0 THEN csql_r5 ELSE trim(csql_r5, w.chars) END AS csql_t5,
    CASE WHEN position(left(csql_r6, 1), w.chars) = 0 AND position(right(csql_r6, 1), w.chars) = 0 THEN csql_r6 ELSE trim(csql_r6, w.chars) END AS csql_t6,
    CASE WHEN position(left(csql_r7, 1), w.chars) = 0 AND position(right(csql_r7, 1), w.chars) = 0 THEN csql_r7 ELSE trim(csql_r7, w.chars) END AS csql_t7,
    CASE WHEN position(left(csql_r8, 1), w.chars) = 0 AND position(right(csql_r8, 1), w.chars) = 0 THEN csql_r8 ELSE trim(csql_r8, w.chars) END AS csql_t8,
    CASE WHEN position(left(csql_r9, 1), w.chars) = 0 AND position(right(csql_r9, 1), w.chars) = 0 THEN csql_r9 ELSE trim(csql_r9, w.chars) END AS csql_t9
  FROM csql_cell
  CROSS JOIN csql_blank AS w
),
csql_value AS (
  -- 3. Numbers (a decimal comma is allowed; in a count, commas between thousands; after a percentage, a % sign), yes/no (any case) and dates (YYYY-MM-DD, or a date-time starting with one), as the calculator reads them; NULL when blank or unreadable.
  SELECT
    *,
    CASE
      WHEN REGEXP_LIKE(csql_t2, '[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+([.][0-9]*)?') THEN TRY_CAST(replace(csql_t2, ',', '') AS DOUBLE)
      WHEN REGEXP_LIKE(replace(csql_t2, ',', '.'), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(replace(csql_t2, ',', '.') AS DOUBLE)
    END AS csql_k2,  -- order as a count (1,234 allowed)
    CASE WHEN lower(csql_t3) IN ('yes', 'y', 'true', '1') THEN TRUE WHEN lower(csql_t3) IN ('no', 'n', 'false', '0') THEN FALSE END AS csql_b3,  -- champion as yes/no
    CASE WHEN REGEXP_LIKE(csql_t4, '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?') THEN
      CASE WHEN CAST(substr(csql_t4, 1, 4) AS INTEGER) >= 1 AND CAST(substr(csql_t4, 6, 2) AS INTEGER) BETWEEN 1 AND 12 AND CAST(substr(csql_t4, 9, 2) AS INTEGER) BETWEEN 1 AND CASE
        WHEN CAST(substr(csql_t4, 6, 2) AS INTEGER) = 2 AND mod(CAST(substr(csql_t4, 1, 4) AS INTEGER), 4) = 0 AND (mod(CAST(substr(csql_t4, 1, 4) AS INTEGER), 100) <> 0 OR mod(CAST(substr(csql_t4, 1, 4) AS INTEGER), 400) = 0) THEN 29
        WHEN CAST(substr(csql_t4, 6, 2) AS INTEGER) = 2 THEN 28 WHEN CAST(substr(csql_t4, 6, 2) AS INTEGER) IN (4, 6, 9, 11) THEN 30 ELSE 31 END
      THEN DATE_FROM_PARTS(CAST(substr(csql_t4, 1, 4) AS INTEGER), CAST(substr(csql_t4, 6, 2) AS INTEGER), CAST(substr(csql_t4, 9, 2) AS INTEGER)) END
    END AS csql_d4,  -- last_qbr as a date
    CASE WHEN REGEXP_LIKE(replace((CASE WHEN right(csql_t5, 1) = '%' THEN trim(substr(csql_t5, 1, length(csql_t5) - 1), chars) ELSE csql_t5 END), ',', '.'), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(replace((CASE WHEN right(csql_t5, 1) = '%' THEN trim(substr(csql_t5, 1, length(csql_t5) - 1), chars) ELSE csql_t5 END), ',', '.') AS DOUBLE) END AS csql_p5,  -- seats as a percentage (75% allowed)
    CASE WHEN REGEXP_LIKE(replace(csql_t6, ',', '.'), '[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?') THEN TRY_CAST(replace(csql_t6, ',', '.') AS DOUBLE) END AS csql_n6,  -- fit as a number
    CASE WHEN lower(csql_t7) IN ('yes', 'y', 'true', '1') THEN TRUE WHEN lower(csql_t7) IN ('no', 'n', 'false', '0') THEN FALSE END AS csql_b7,  -- budget as yes/no
    CASE WHEN lower(csql_t8) IN ('yes', 'y', 'true', '1') THEN TRUE WHEN lower(csql_t8) IN ('no', 'n', 'false', '0') THEN FALSE END AS csql_b8,  -- o'clock as yes/no
    CASE WHEN lower(csql_t9) IN ('yes', 'y', 'true', '1') THEN TRUE WHEN lower(csql_t9) IN ('no', 'n', 'false', '0') THEN FALSE END AS csql_b9  -- accepted as yes/no
  FROM csql_text
),
csql_signal AS (
  -- 4. Each signal's score, 0-100 (NULL when blank), and whether every value of the row can be read.
  SELECT
    *,
    100 - CASE WHEN csql_k2 >= 0 THEN ln(1 + least(csql_k2, 10)) / ln(1 + 10) * 100 END AS csql_s1_1,  -- Health / Support tickets (count, log scale; the first few count most, 10 or more scores 100; counts against)
    CASE WHEN csql_b3 THEN CAST(100 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END AS csql_s1_2,  -- Health / Has a champion (yes or no)
    CASE WHEN DATEDIFF(day, csql_d4, CURRENT_DATE) >= 0 THEN CASE WHEN CAST(DATEDIFF(day, csql_d4, CURRENT_DATE) AS DOUBLE) / 45 > 1000 THEN 0 ELSE 100 * power(0.5, CAST(DATEDIFF(day, csql_d4, CURRENT_DATE) AS DOUBLE) / 45) END END AS csql_s1_3,  -- Health / Last QBR (date YYYY-MM-DD; 100 on the as-of date, half every 45 days)
    CASE WHEN csql_p5 BETWEEN 0 AND 100 THEN csql_p5 END AS csql_s1_4,  -- Health / Seats active (%) (percent 0-100)
    (
         csql_t1 <> ''  -- Account ID: the account id is not blank
      AND coalesce(csql_k2 BETWEEN 0 AND 1e15, csql_t2 = '')  -- order: count, log scale; the first few count most, 10 or more scores 100
      AND (csql_b3 IS NOT NULL OR csql_t3 = '')  -- champion: yes or no
      AND coalesce(DATEDIFF(day, csql_d4, CURRENT_DATE) >= 0, csql_t4 = '')  -- last_qbr: date YYYY-MM-DD; 100 on the as-of date, half every 45 days
      AND coalesce(csql_p5 BETWEEN 0 AND 100, csql_t5 = '')  -- seats: percent 0-100
      AND coalesce(csql_n6 BETWEEN 0 AND 100, csql_t6 = '')  -- fit: Fit score, 0-100
      AND (csql_b7 IS NOT NULL OR csql_t7 = '')  -- budget: gate Budget, yes/no
      AND (csql_b8 IS NOT NULL OR csql_t8 = '')  -- o'clock: gate Timing, yes/no
      AND (csql_b9 IS NOT NULL OR csql_t9 = '')  -- accepted: outcome, yes/no
    ) AS csql_readable  -- false where the book view would skip the row
  FROM csql_value
),
csql_component AS (
  -- 5. Each component's score, 0-100, and the required gates not met.
  SELECT
    *,
    coalesce(csql_s1_1, 0) * 0.4 + coalesce(csql_s1_2, 0) * 0.2 + coalesce(csql_s1_3, 0) * 0.2 + coalesce(csql_s1_4, 0) * 0.2 AS csql_c1,  -- Health: weighted mean of its signals; blank = 0
    CASE WHEN csql_n6 BETWEEN 0 AND 100 THEN csql_n6 ELSE 0 END AS csql_c2,  -- Fit: from the column fit; blank = 0
    substr(CASE WHEN coalesce(csql_b7, FALSE) THEN '' ELSE ',budget' END
      || CASE WHEN coalesce(csql_b8, FALSE) THEN '' ELSE ',o''clock' END, 2) AS csql_gates  -- required gates answered no or blank; unmapped gates are not assessed
  FROM csql_signal
),
csql_total AS (
  -- 6. The CSQL score: each component's score times its share of the weights.
  SELECT
    *,
    csql_c1 * 0.75 + csql_c2 * 0.25 AS csql_total
  FROM csql_component
)
-- The account's own columns, then the results.
SELECT
  * EXCLUDE (csql_r1, csql_r2, csql_r3, csql_r4, csql_r5, csql_r6, csql_r7, csql_r8, csql_r9, csql_t1, csql_t2, csql_t3, csql_t4, csql_t5, csql_t6, csql_t7, csql_t8, csql_t9, csql_k2, csql_b3, csql_d4, csql_p5, csql_n6, csql_b7, csql_b8, csql_b9, csql_s1_1, csql_s1_2, csql_s1_3, csql_s1_4, csql_readable, csql_c1, csql_c2, csql_gates, csql_total),
  CASE WHEN csql_readable THEN csql_c1 END AS health_score,
  CASE WHEN csql_readable THEN csql_c2 END AS fit_score,
  CASE WHEN csql_readable THEN csql_total END AS csql_score,
  CASE
    WHEN NOT csql_readable THEN 'invalid'
    WHEN csql_total + 1e-9 < 60 THEN 'below-threshold'
    WHEN csql_gates <> '' THEN 'gates-missing'
    ELSE 'csql'
  END AS csql_verdict,
  CASE WHEN csql_readable THEN csql_gates END AS csql_gates_missing
FROM csql_total;
