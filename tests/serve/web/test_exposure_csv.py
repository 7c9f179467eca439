"""The exposure CSV keeps spreadsheet formulas from ingested text inert."""

from __future__ import annotations

import csv
import io

from supplywatch.serve.web.exposure_view import CSV_COLUMNS, TreeNode, exposure_csv


def test_cells_that_a_spreadsheet_would_run_are_quoted() -> None:
    tree = TreeNode("supplier", "Volta", 1, children=(
        TreeNode("customer", '=HYPERLINK("http://evil.example","x")', 2, "-1+1 cells",
                 status="active", tier=1),
    ))
    rows = list(csv.reader(io.StringIO(exposure_csv(tree))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[1][:4] == ["0", "Volta", "supplier", "Volta"]
    customer = dict(zip(CSV_COLUMNS, rows[2], strict=True))
    assert customer["name"] == '\'=HYPERLINK("http://evil.example","x")'
    assert customer["relation"] == "'-1+1 cells"
    assert customer["path"] == 'Volta > =HYPERLINK("http://evil.example","x")'  # not at the start
    assert (customer["status"], customer["tier"]) == ("active", "1")
