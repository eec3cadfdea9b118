"""Lock the public API of the calculators package."""

import calculators


def test_exported_members() -> None:
    """Assert that __all__ lists exactly the public names, each importable."""
    public = {name for name in dir(calculators) if not name.startswith("_")}
    submodules = {"cli", "cost", "cost_charts", "cost_html", "decision", "errors", "markup", "record", "render", "scenarios", "sources", "studies", "training", "web"}
    assert set(calculators.__all__) == public - submodules
    for name in calculators.__all__:
        assert getattr(calculators, name) is not None
