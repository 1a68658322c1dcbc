"""Word lists the name rules use: given names (US census, from the `names` package, and
given_names.txt for names common elsewhere), capitalised words that are never part of a
person's name, and words that mark organisations, places, streets and contact labels."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

# the words that follow a title and are no name ("Chair Pro Tem", "Director Emeritus")
TITLE_TAILS = frozenset("pro tem tempore emeritus emerita".split())
TITLE_WORDS = frozenset(
    """president vice chief executive officer financial operating accounting legal director
    directors chairman chairwoman chair secretary treasurer counsel general principal senior
    assistant managing manager partner controller trustee member founder head attorney
    representative agent vp ceo cfo coo cto evp svp gc cao administrator deputy chairperson""".split()
) | TITLE_TAILS

STOP = frozenset(
    """a an the and or of for on in at by to with from as if is it its this that these those
    our we us their his her he she they each such any all no not also both when while after
    before upon under per pursuant between among about into over within without new
    mr mrs ms dr messrs
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    one two three four five six seven eight nine ten time certified chartered registered licensed
    announces announced reports reported appoints appointed names completes completed closes closed
    item items section form rule rules exhibit exhibits schedule act report reports agreement
    agreements plan plans policy policies program programs award awards stock stocks common preferred share shares unit units
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
    ii iii iv jr sr
    through across via against during since until toward towards beyond amid around behind
    will shall would could should must can
    see instruction instructions approve approval named elect ratify""".split()
)


# capitalised words that end or open an organisation's name, never a person's
ORG_WORDS = frozenset(
    """initiative initiatives foundation institute institution university college school academy
    hospital clinic water waters energy power resources mining minerals metals gold silver copper oil
    gas petroleum ventures venture portfolio properties property realty estates technologies
    technology tech labs laboratories therapeutics pharmaceuticals pharma biosciences bioscience
    sciences health healthcare medical networks network media digital communications solutions
    software brands retail food foods beverages motors automotive airlines aviation logistics industries
    industrial enterprises associates advisors advisers advisory investments wealth insurance
    assurance union agency agence agencia agenzia agentur kommunikation authority council ministry government prize
    index indices average
    hotel hotels inn resort resorts suites casino arena stadium museum theatre theater hall airport studio studios
    compliance regulatory accounting auditing marketing engineering operations complex
    electric electrical utility utilities telephone telecom railway railroad steel chemical chemicals
    semiconductor semiconductors pipeline pipelines shipping aerospace
    station division cup championship league festival award awards acquisition acquisitions lending
    finance financing bancorporation credit mortgage equities
    worldwide international global partners holdings group capital fund funds trust bank
    system systems microsystems platform platforms celebration conference summit forum symposium expo lecture
    scholarship fellowship corporate statute regulation directive stabilization restructuring
    reorganization insolvency bankruptcy""".split()
)
# banks, brokers, auditors and law firms whose names read as a given name and a surname: in a
# filing these are the firm, not a person
FIRMS_NAMED_LIKE_PEOPLE = frozenset(
    """morgan stanley|charles schwab|raymond james|edward jones|william blair|dawson james|joseph gunnar|
    grant thornton|arthur andersen|john hancock|dean witter|morgan lewis|jones day|paul hastings|
    davis polk|allen overy|norton rose|baker mckenzie|cantor fitzgerald|craig hallum|janney montgomery scott|
    robert w. baird|t. rowe price|lincoln financial|franklin templeton|dougherty markets|thomas weisel|
    morgan keegan|alex. brown|keefe bruyette|roth capital|sandler o'neill|piper sandler|piper jaffray|
    wells fargo|goldman sachs|lazard freres|houlihan lokey|ladenburg thalmann|perella weinberg|
    stifel nicolaus|simmons energy|tudor pickering|johnson rice|ernst young|kirkland ellis|latham watkins|
    sidley austin|simpson thacher|cleary gottlieb|gibson dunn|wilson sonsini|morrison foerster|
    goodwin procter|ropes gray|weil gotshal|vinson elkins|holland knight|greenberg traurig|
    lowenstein sandler|sichenzia ross|foley lardner|duane morris|hogan lovells|mayer brown|winston strawn|
    bryan cave|nelson mullins|thompson hine|dow jones|merrill lynch|fannie mae|freddie mac|ginnie mae|
    sallie mae""".split("|")
)
FIRMS_NAMED_LIKE_PEOPLE = frozenset(" ".join(name.split()) for name in FIRMS_NAMED_LIKE_PEOPLE)
# legal endings of company names, with and without their dots
LEGAL_WORDS = frozenset(
    """inc incorporated corp corporation co company llc llp lp ltd limited plc gmbh ag sa nv bv spa
    kk ab asa oyj oy se sarl sas pty bhd nl kgaa kg""".split()
)
# place words that are also surnames ("Jane Washington"): kept as the last word of a name
PLACE_WORDS = frozenset(
    """washington york west north south east columbia georgia virginia carolina dakota jersey
    kentucky nevada montana austin houston dallas denver boston phoenix jackson lincoln madison
    clinton camden chester preston lancaster""".split()
)
# places of two words that open with a given name or read as one ("Hong Kong")
PLACE_NAMES = frozenset(
    " ".join(p.split()) for p in """asia pacific|hong kong|monte carlo|latin america|north america|south america|middle east|
    new zealand|puerto rico|costa rica|sri lanka|south africa|san jose|santa clara|los angeles|
    las vegas|san diego|san francisco|san antonio|santa monica|st louis|st. louis|salt lake|
    saudi arabia|el salvador|abu dhabi|tel aviv|kuala lumpur|buenos aires|rio de janeiro|sao paulo|
    cape town|victoria falls|george town|jersey city|kansas city|carson city|mexico city|
    panama city|quebec city|virginia beach|palm beach|long beach|miami beach|fort worth|fort lauderdale|
    nova scotia|new brunswick|british columbia|prince edward island|new south wales|western australia|
    south australia|northern territory|northern ireland|great britain|united kingdom|united states|
    south korea|north carolina|south carolina|west virginia|north dakota|south dakota|new mexico|
    rhode island|new hampshire|cayman islands|british virgin islands|marshall islands|channel islands|
    isle of man""".split("|")
)
STREET_WORDS = frozenset(
    """street st avenue ave road rd drive dr boulevard blvd lane ln way parkway pkwy place pl court
    ct suite ste floor fl plaza highway hwy circle cir square sq terrace trail freeway expressway
    turnpike twp township building tower centre center park
    crossing canyon mountain mountains heights county counties region regions islands beach belt""".split()
)
# words that label a line of a contact block, or are glued to a name or an address there
LABEL_WORDS = TITLE_WORDS | frozenset(
    """email mail telephone tel phone fax mobile cell office contact contacts web website site
    relations advisor adviser media investors investor inquiries enquiries communications marketing
    press information inquiry""".split()
)
# verbs of a headline, which no name holds ("Jane Roe Joins Acme", "Jane Roe to Succeed John Poe")
HEADLINE_VERBS = frozenset("""begins launches receives secures completes expands signs enters reports wins
    acquires closes raises unveils introduces achieves announces declares appoints files obtains joins
    succeed succeeds named elected promoted retire retires received completed launched secured signed
    announced appointed achieved expanded reported""".split())
# number words, which no name holds ("Twenty Million")
NAME_NUMBER_WORDS = frozenset("""hundred thousand million billion twenty thirty forty fifty sixty seventy eighty ninety
    eleven twelve thirteen fifteen""".split())
US_STATES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|"
    r"NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|"
    r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    r"Okla|Ore|Pa|Tenn|Tex|Vt|Va|Wash|W\.\s?Va|Wis|Wyo)\.|N\.[HJMYCD]\.|[RS]\.[ICD]\.|"
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
    r"Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
    r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|"
    r"New\s+York|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|"
    r"South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|"
    r"Wisconsin|Wyoming|Ontario|Quebec|British\s+Columbia|Alberta"
)


def without_town(text: str, start: int, end: int) -> int:
    """Where a name ends without the town after it ("Acme Creamery Company of Springvale, Ohio"): after a
    corporate ending only, so that "First National Bank of Omaha" keeps its town."""
    place = _OF_PLACE.search(text, start, end)
    return place.start() if place and _STATE_AFTER.match(text, end) else end


_OF_PLACE = re.compile(r"(?:(?<=\bCompany)|(?<=\bCorporation)|(?<=\bIncorporated)|(?<=\bInc\.)|(?<=\bCorp\.)|(?<=\bCo\.)"
                       r"|(?<=\bLLC)|(?<=\bLtd\.)) of [A-Z][a-z]+(?: [A-Z][a-z]+)?$")
_STATE_AFTER = re.compile(rf",\s*(?:{US_STATES})(?![\w])")

# common short forms of given names, each to the names it stands for
NICKNAMES: dict[str, frozenset[str]] = {
    nick: frozenset(full.split("/"))
    for nick, full in (
        line.split(":") for line in """
        al:albert/alan/alfred/alexander abby:abigail alex:alexander/alexandra andy:andrew
        becky:rebecca ben:benjamin bert:albert/robert beth:elizabeth bill:william billy:william
        bob:robert bobby:robert cathy:catherine/cathleen charlie:charles chris:christopher/christine/christina
        chuck:charles dan:daniel danny:daniel dave:david deb:deborah debbie:deborah dick:richard
        don:donald doug:douglas drew:andrew ed:edward/edwin/edmund eddie:edward fred:frederick
        gabe:gabriel greg:gregory hank:henry harry:henry/harold jack:john jake:jacob jeff:jeffrey
        jen:jennifer jenny:jennifer jerry:gerald/jerome jim:james jimmy:james joe:joseph jon:jonathan
        josh:joshua kate:katherine/kathleen/catherine katie:katherine kathy:katherine/kathleen
        ken:kenneth kim:kimberly larry:lawrence/laurence len:leonard liz:elizabeth matt:matthew
        meg:margaret/megan mike:michael mitch:mitchell nate:nathan/nathaniel nick:nicholas
        pat:patrick/patricia peggy:margaret pete:peter phil:philip/phillip ray:raymond
        rich:richard rick:richard/frederick rob:robert ron:ronald russ:russell sam:samuel/samantha
        sandy:sandra stan:stanley steve:steven/stephen sue:susan ted:edward/theodore terry:terrence/teresa
        tim:timothy tom:thomas tommy:thomas tony:anthony vince:vincent walt:walter will:william
        zach:zachary
        """.split()
    )
}


def fold(word: str) -> str:
    """The word without accents ("Núñez" -> "Nunez"); other characters as they are."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_given_name(word: str) -> bool:
    """Whether a capitalised word is a known given name (accents and a hyphenated second part
    aside: "José", "Jean-Luc")."""
    w = fold(word).lower().strip("'’.,")
    names = given_names()
    return w in names or ("-" in w and w.split("-", 1)[0] in names)


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
    own = resources.files("reviewer.core.extract").joinpath("given_names.txt").read_text(encoding="utf-8")
    for line in own.splitlines():
        if not line.startswith("#"):
            found.update(line.split())
    return frozenset(found - STOP)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Lower-case surnames from the US census list shipped by `names` (empty without it)."""
    try:
        listing = resources.files("names").joinpath("dist.all.last").read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    return frozenset(line.split(" ", 1)[0].lower() for line in listing.splitlines() if line.strip())


def is_surname(word: str) -> bool:
    """Whether a capitalised word is a known surname (accents and a hyphenated part aside)."""
    w = fold(word).lower().strip("'’.,")
    names = surnames()
    return w in names or ("-" in w and all(part in names for part in w.split("-")))
