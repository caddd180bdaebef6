"""What if a supplier restricts exports? One importer, one product line, monthly steps. Pure functions, no I/O.

The model, in the words a footnote needs:
- Baseline: each supplier ships the importer a fixed tonnage a month, read from the data for a reference period
  (a mean of monthly figures, or a period's total divided by its months). Demand is the sum, held constant.
- Restriction: supplier S cuts its shipments by c % from month t0 for d months, then restores them in r equal
  monthly steps: with r = 2 the cut is 2/3 c, then 1/3 c, and supply is back in full the month after.
- Substitution: other suppliers can add up to a given tonnage a month, from `lag` months after the cut starts,
  never more than the tonnage lost. Where a supplier's world exports are known (data), it can add no more than
  those exports less what it already ships to this importer. The default is no substitution, the worst case.
- Stocks: the importer starts with m months of baseline demand in stock and draws it before any shortfall.
  Drawn stock is not rebuilt within the horizon.
- Each month: supply from all sources + stock drawn + unmet demand = demand. With G the cumulative gap (tonnage
  lost less substitution) and S0 the opening stock, cumulative unmet demand is max(G - S0, 0): that closed form is
  what lets the sensitivity grid be computed by broadcasting, without a loop over cells.
Limits: no prices, no demand response, no re-exports through third countries.

Every input is a frozen dataclass that validates itself and raises `InputError` (a ValueError) naming the field
and what it expects, so a page can show the message instead of a broken chart.
"""

from lib.domain.scenario.from_data import (
    baseline_from_monthly,
    baseline_from_records,
    baseline_from_total,
    baseline_from_year,
    baseline_with_split,
)
from lib.domain.scenario.inputs import (
    MAX_HORIZON_MONTHS,
    Baseline,
    InputError,
    Restriction,
    Scenario,
    Stocks,
    Substitution,
    month_label,
)
from lib.domain.scenario.model import Result, Summary, cut_profile, run, sensitivity_grid, shortfall_grid_t
from lib.domain.scenario.words import assumptions, data_basis

__all__ = [
    "MAX_HORIZON_MONTHS", "Baseline", "InputError", "Restriction", "Result", "Scenario", "Stocks", "Substitution",
    "Summary", "assumptions", "baseline_from_monthly", "baseline_from_records", "baseline_from_total",
    "baseline_from_year", "baseline_with_split", "cut_profile", "data_basis", "month_label", "run",
    "sensitivity_grid", "shortfall_grid_t",
]
