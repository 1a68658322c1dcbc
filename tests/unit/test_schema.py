import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.extract.schema import SchemaError, load_schema, parse_schema

REQUIRED = ["company", "report_date", "location", "item", "signatory", "signatory_title", "money",
            "share_count", "per_share_price", "percentage", "date", "person", "organization", "email",
            "phone", "url", "ticker", "counterparty", "agreement", "gross_proceeds", "net_proceeds",
            "shares_sold", "offering_price", "commission"]


def test_default_schema_has_the_labels():
    schema = load_schema()
    assert schema.names == REQUIRED
    assert schema["money"].many and not schema["company"].many
    assert schema["item"].applies("8-K") and not schema["item"].applies("press_release")
    assert schema.by_key(3).name == "money"


@pytest.mark.parametrize(
    "body, message",
    [
        ('[labels.money]\ncolour = "red"\n', "line 2: label 'money': colour 'red'"),
        ('\n\n[labels.x]\ntype = "blob"\n', "line 4: label 'x': type 'blob'"),
        ('[labels.a]\nkey = 3\n[labels.b]\nkey = 3\n', "line 4: label 'b': key 3 is already used"),
        ('[labels.a]\napplies_to = ["8-Q"]\n', "unknown document type"),
        ('[labels.a]\ncolor = "#ffffff"\nfoo = 1\n', "unknown setting(s): foo"),
        ('[labels.a\n', "line 1"),
        ('name = "x"\n', "no [labels.NAME] tables"),
    ],
)
def test_invalid_schemas_name_the_line(body, message):
    with pytest.raises(SchemaError) as err:
        parse_schema(body, "my.toml")
    assert message in str(err.value)
    assert str(err.value).startswith("my.toml")


def test_cli_reports_a_bad_schema(tmp_path, data_dir):
    bad = tmp_path / "bad.toml"
    bad.write_text('[labels.money]\ntype = "blob"\n')
    result = CliRunner().invoke(cli, ["extract", "--schema", str(bad), str(data_dir)])
    assert result.exit_code == 1 and "bad.toml: line 2" in result.output


def test_custom_schema_limits_the_labels(tmp_path, data_dir):
    own = tmp_path / "own.toml"
    own.write_text('[labels.money]\ncolour = "#ff0000"\ntype = "money"\n')
    result = CliRunner().invoke(cli, ["extract", "--schema", str(own), str(data_dir / "tecogen-press-release-2013.txt")])
    assert result.exit_code == 0
    assert '"label": "date"' not in result.output and '"label": "money"' in result.output
