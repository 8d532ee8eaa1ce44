"""Job postings, pure logic: requirement lines from messy pastes, years, level, specializations,
the term vocabulary, and reading a posting file."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewprep.jd import PostingError, read_posting_text
from interviewprep.jd.candidates import candidate_spans
from interviewprep.jd.posting import split_requirements, title_of, years_asked
from interviewprep.jd.profile import choose_specializations, infer_level, specialization_evidence
from interviewprep.jd.termbank import VocabularyError, load_vocabulary, normal_key, parse_vocabulary


def lines(text: str) -> list[str]:
    return [r.text for r in split_requirements(text)]


# ---------------------------------------------------------------------------- requirement lines
@pytest.mark.parametrize(
    ("posting", "wanted", "unwanted"),
    [
        pytest.param(
            "Project Manager\nACME Ltd\n\nRESPONSIBILITIES\n- Own the delivery plan\n- Run steering "
            "meetings with the sponsor\n\nBENEFITS\n- 25 days holiday\n- Pension scheme\n",
            ["Own the delivery plan", "Run steering meetings with the sponsor"],
            ["25 days holiday", "Pension scheme", "Project Manager"],
            id="headers-bullets-and-benefits"),
        pytest.param(
            "IT PM\nSalary: £50,000 - £60,000 per annum\nLocation: Leeds (hybrid)\n"
            "What you'll do\nManage the cloud migration\n",
            ["Manage the cloud migration"],
            ["Salary: £50,000 - £60,000 per annum", "Location: Leeds (hybrid)"],
            id="salary-and-location-lines"),
        pytest.param(
            "Coordinator\nKey tasks\nKeep the risk register up to date  Organise audit interviews  "
            "Minute meetings\n",
            ["Keep the risk register up to date", "Organise audit interviews", "Minute meetings"],
            [],
            id="bullets-glued-by-spaces"),
        pytest.param(
            "Coordinator\nTrack tasks in Azure DevOps Run daily stand-ups and send notes "
            "Coordinate UAT with finance users\n",
            ["Track tasks in Azure DevOps", "Run daily stand-ups and send notes",
             "Coordinate UAT with finance users"],
            [],
            id="run-on-bullets-without-marks"),
        pytest.param(
            "PM\nMUST HAVE: 5+ years managing IT projects, MS Project or Smartsheet, budget ownership\n",
            ["5+ years managing IT projects", "MS Project or Smartsheet", "budget ownership"],
            [],
            id="label-with-a-comma-list"),
        pytest.param(
            "PM\n• Lead the ERP rollout • Manage the vendor • Report to the CFO\n",
            ["Lead the ERP rollout", "Manage the vendor", "Report to the CFO"],
            [],
            id="inline-bullet-characters"),
        pytest.param(
            "PM\nRequirements\nPMP preferred\nKanban experience\nStrong facilitation skills\n",
            ["PMP preferred", "Kanban experience", "Strong facilitation skills"],
            [],
            id="short-lines-that-look-like-headers-but-are-not"),
        pytest.param(
            "PM\nWhat you will do\n- Plan the data centre exit\n- Plan the data centre exit\n",
            ["Plan the data centre exit"],
            [],
            id="duplicated-text"),
        pytest.param(
            "PM\nAbout us\nWe are a bank with 40 branches and we love our customers.\n"
            "We are an equal opportunity employer.\nApply now through our careers site.\n",
            [],
            ["We are a bank with 40 branches and we love our customers.",
             "We are an equal opportunity employer.", "Apply now through our careers site."],
            id="company-blurb-and-boilerplate"),
        pytest.param(
            "<p>IT Project Manager</p><ul><li>Deliver the SD-WAN rollout</li><li>Manage the "
            "network budget</li></ul>",
            ["Deliver the SD-WAN rollout", "Manage the network budget"],
            [],
            id="html-paste"),
        pytest.param(
            "PM\nResponsibilities\nManage project budget of approximately $4M\n",
            ["Manage project budget of approximately $4M"],
            [],
            id="a-money-amount-in-a-duty-is-not-a-salary"),
    ],
)
def test_requirement_lines(posting, wanted, unwanted):
    found = lines(posting)
    for line in wanted:
        assert line in found, (line, found)
    for line in unwanted:
        assert line not in found, (line, found)


def test_requirements_keep_the_posting_words_and_their_kind():
    found = split_requirements("PM\nWhat you'll do\n- You will own the plan\nNice to have\n- CSM\n")
    assert [(r.text, r.kind) for r in found] == [("You will own the plan", "duty"), ("CSM", "nice")]


def test_title_skips_decoration_and_logistics():
    assert title_of("🚀 Associate Technical Project Manager\nCompany: X") == \
        "Associate Technical Project Manager"
    assert title_of("Job title: Senior PMO Lead\nBody") == "Senior PMO Lead"


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5+ years of IT project management", [5]),
        ("3-5 years in a PMO", [3]),
        ("at least seven years leading programmes", [7]),
        ("2+ yrs coordinating IT projects", [2]),
        ("PRINCE2 or willingness to obtain within 6 months", []),
        ("a company founded 40 years ago", []),
    ],
)
def test_years_asked(text, years):
    assert years_asked(text) == years


@pytest.mark.parametrize(
    ("title", "text", "level"),
    [
        ("IT Project Coordinator", "1-2 years", "entry"),
        ("Junior IT Project Manager", "", "entry"),
        ("Associate Project Manager", "6+ years", "mid"),
        ("Senior Project Manager", "10 years", "senior"),
        ("Program Manager, Cloud", "", "senior"),
        ("Head of PMO", "", "senior"),
        ("IT Project Manager", "5-7 years", "mid"),
        ("IT Project Manager", "10+ years", "senior"),
        ("IT Project Manager", "0-2 years", "entry"),
        ("IT Project Manager", "", "mid"),
    ],
)
def test_level(title, text, level):
    assert infer_level(title, text).level == level


def _specs(title: str, body: str) -> list[str]:
    vocabulary = load_vocabulary()
    evidence = specialization_evidence(title, body, vocabulary.find(body), vocabulary.find(title),
                                       vocabulary)
    return choose_specializations(evidence)


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("SAP Project Manager", "Lead the S/4HANA cutover and hypercare with finance users", ["erp"]),
        ("IT Project Manager", "Run ServiceNow ITSM implementations; ITIL 4 Foundation; incident "
         "and change management", ["itsm"]),
        ("Security PM", "ISO 27001 certification, SOC 2 evidence, vulnerability remediation, "
         "SIEM rollout", ["cybersecurity"]),
        ("IT Project Manager", "Manage IT projects for the business, keep plans and budgets, "
         "report to the steering group", ["general"]),
    ],
)
def test_specializations(title, body, expected):
    assert _specs(title, body) == expected


# ---------------------------------------------------------------------------- vocabulary
def test_vocabulary_matches_spellings_and_keeps_the_posting_form():
    vocabulary = load_vocabulary()
    text = "Experience with s-4hana, PRINCE2-based methods, jira and Scrum/Kanban boards."
    surfaces = [h.surface for h in vocabulary.find(text)]
    assert "s-4hana" in surfaces
    assert "PRINCE2" in surfaces
    assert "jira" in surfaces
    assert "Scrum" in surfaces and "Kanban" in surfaces


def test_acronyms_and_everyday_words_match_only_as_written():
    vocabulary = load_vocabulary()
    names = {h.term.name for h in vocabulary.find("Please sit down; we exchange notes and lean in.")}
    assert not names & {"SIT", "Exchange", "Lean"}
    names = {h.term.name for h in vocabulary.find("Plan SIT and UAT; migrate Exchange; Lean methods")}
    assert {"SIT", "UAT", "Exchange", "Lean"} <= names


def test_nested_terms_are_all_found():
    names = {h.term.name for h in load_vocabulary().find("our SAP S/4HANA Finance programme")}
    assert {"SAP", "SAP S/4HANA", "S/4HANA", "SAP S/4HANA Finance"} <= names


def test_normal_key_ignores_case_and_separators():
    assert normal_key("S/4 HANA") == normal_key("s-4hana") == "s4hana"


def test_a_broken_vocabulary_names_file_line_and_field(tmp_path: Path):
    path = tmp_path / "terms.yaml"
    with pytest.raises(VocabularyError, match=r"terms\.yaml:2: tool: .*unknown specialization"):
        parse_vocabulary("# terms\ntool:\n  Jira: sofware\n", path)
    with pytest.raises(VocabularyError, match=r"terms\.yaml:\d+: not valid YAML"):
        parse_vocabulary("tool: [unclosed\n", path)


def test_candidates_are_name_shaped_and_skip_places_and_jobs():
    spans = candidate_spans(["Migrate with Azure Migrate and track FinOps in the NERC CIP scope",
                             "Report to the IT Project Manager in Columbus, OH"])
    assert "FinOps" in spans and "NERC CIP" in spans
    assert "OH" not in spans and "IT" not in spans
    assert not any(s.endswith("Manager") for s in spans)


# ---------------------------------------------------------------------------- reading files
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n", "the file is empty"),
        (b"Project\x00Manager with five words here", "NUL bytes"),
        (b"Project manager \xff\xfe role with many words\n", r"posting\.txt:1: not UTF-8"),
        (b"PM 2024", "does not read like a job posting"),
    ],
)
def test_bad_posting_files_get_a_clear_message(data, message):
    with pytest.raises(PostingError, match=message):
        read_posting_text(data, "posting.txt")


def test_a_posting_file_with_a_bom_reads():
    assert read_posting_text("\ufeffIT Project Manager, lead the cloud move".encode(), "f") == \
        "IT Project Manager, lead the cloud move"
