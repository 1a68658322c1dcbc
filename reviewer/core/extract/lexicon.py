"""Word lists the name rules use: given names (US census, from the `names` package)
and capitalised words that are never part of a person's name."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

TITLE_WORDS = frozenset(
    """president vice chief executive officer financial operating accounting legal director
    directors chairman chairwoman chair secretary treasurer counsel general principal senior
    assistant managing manager partner controller trustee member founder head attorney
    representative agent vp ceo cfo coo cto evp svp gc cao administrator deputy""".split()
)

STOP = frozenset(
    """a an the and or of for on in at by to with from as if is it its this that these those
    our we us their his her he she they each such any all no not also both when while after
    before upon under per pursuant between among about into over within without new
    mr mrs ms dr messrs
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    item items section form rule rules exhibit exhibits schedule act report reports agreement
    agreements plan plans award awards stock stocks common preferred share shares unit units
    exchange securities security commission company companies corporation corp inc llc lp llp
    ltd plc bank bancorp banc trust holdings holding group capital financial partners fund funds
    management board committee compensation audit nominating governance
    officer officers chief executive president vice senior director directors chairman
    secretary treasurer counsel general principal accounting operating legal assistant managing
    independent registered public nasdaq nyse market markets global select investor investors
    relations media contact contacts information press release news net income sales revenue
    forward looking statements statement safe harbor private litigation reform federal reserve
    tax code internal revenue service department court county state states city university
    united america american street avenue road drive suite floor boulevard way plaza center
    north south east west northern southern eastern western
    annual quarterly current period fiscal year quarter month week day days
    total gross operating cash equity debt notes note bonds loan credit facility
    emerging growth standards accounting washington
    item signature signatures signed dated date name title by
    chief operating technology products product services service systems system
    registrant registrants issuer employer identification number file commission
    results operations financial condition other events regulation fd disclosure
    departure election appointment arrangements certain officers
    shareholder shareholders stockholder stockholders holders vote votes voting meeting
    proposal proposals ratification amendment amendments articles bylaws
    dividend dividends distribution distributions price prices value values
    performance option options restricted nonqualified incentive equity
    delaware nevada maryland california texas york kentucky nebraska wisconsin virginia
    massachusetts illinois florida ohio georgia washington columbia
    phone fax tel email web website www http https
    long short term terms fixed total
    ii iii iv jr sr""".split()
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lower-case given names from the US census lists shipped by `names`."""
    found: set[str] = set()
    try:
        package = resources.files("names")
        for fname in ("dist.male.first", "dist.female.first"):
            for line in package.joinpath(fname).read_text(encoding="ascii").splitlines():
                word = line.split(" ", 1)[0].strip().lower()
                if word:
                    found.add(word)
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    return frozenset(found - STOP)
