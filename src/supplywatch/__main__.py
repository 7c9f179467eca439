"""`python -m supplywatch`: the same command line as the `supplywatch` script."""

from supplywatch.cli import app

app(prog_name="supplywatch")
