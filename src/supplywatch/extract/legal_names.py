"""Company names found by their legal form: a run of capitalised words closed by "Ltda.",
"Sp. z o.o.", "a.s.", "Sdn. Bhd." or "Co., Ltd." (or by "Holdings", "Group") is a company,
whatever the statistical model made of it. The small English model knows "Inc." and "GmbH" well and many other
countries' forms poorly: it tags "Ltda" alone, or nothing, for "Voltaris Energia Ltda."."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from supplywatch.extract.lexicon import Lexicon

MAX_NAME_WORDS = 6
# Small words inside a name: "Procter & Gamble", "Banco do Brasil", "Fabbrica di Motori".
# ("and" and "of" are left out: "Shares of Velmora Ltd", "Velmora Ltd and Brisk Co.")
NAME_JOINERS = {"&", "de", "do", "da", "di", "del", "della", "des", "du", "von", "van", "der",
                "den", "la", "le", "y", "e", "für"}
# inside a legal form of several tokens: "Co., Ltd.", "Sp. z o.o.", "GmbH & Co. KG",
# "S.A. de C.V."
FORM_JOINERS = {",", "z", "&", "de"}
# English and American legal forms often set off by a comma: "Kaldera Home Appliances, LLC",
# "Norwell Kitchen Goods, Inc."
COMMA_FORMS = {"inc", "inc.", "llc", "l.l.c.", "ltd", "ltd.", "llp", "lp", "l.p.", "corp", "corp."}


def legal_name_spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Token spans (start, end) of names that end in a legal form, the form included."""
    forms = lex["legal_forms"] | lex["name_closing_words"]
    found: list[tuple[int, int]] = []
    i = len(doc) - 1
    while i >= 0:
        if not _is_form(doc[i], forms) or (i + 1 < len(doc) and _is_form(doc[i + 1], forms)):
            i -= 1
            continue
        end = i + 1
        start = i
        # the whole legal form: "Co., Ltd.", "Sdn. Bhd.", "Sp. z o.o."
        while start > 0 and (_is_form(doc[start - 1], forms) or (
                doc[start - 1].text in FORM_JOINERS and start > 1 and _is_form(doc[start - 2], forms))):
            start -= 1
        after_a_comma = end - start == 1 and start > 1 and doc[start].lower_ in COMMA_FORMS \
            and doc[start - 1].text == "," and _name_word(doc, start - 2)
        if after_a_comma:
            start -= 1  # the comma before "LLC" belongs to the name
        form_start = start
        while start > 0 and form_start - start < MAX_NAME_WORDS:
            if _name_word(doc, start - 1):
                start -= 1
            elif (opening := _bracketed_place_before(doc, start)) is not None:
                start = opening  # "HPV Electronics (Vietnam) Co.": a subsidiary's country
            else:
                break
        while start < form_start and (doc[start].lower_ in NAME_JOINERS or doc[start].is_stop
                                      or doc[start].like_num or doc[start].ent_type_ == "NORP"):
            start += 1  # a name starts with a name word: not "The", "In 2024", "Swedish"
        if after_a_comma and start > 2 and doc[start - 1].lower_ == "of" and _name_word(doc, start - 2):
            # "BMW of North America, LLC", "Volkswagen Group of America, Inc."
            before = start - 1
            while before > 0 and start - before <= MAX_NAME_WORDS and _name_word(doc, before - 1) \
                    and not doc[before - 1].is_stop:
                before -= 1
            start = before
        if start < form_start:
            found.append((start, end))
        i = start - 1
    return sorted(found)


def _bracketed_place_before(doc: Doc, end: int) -> int | None:
    """Where "(" opens a bracketed place of one to three capitalised words that ends right
    before `end` and follows a name word ("Electronics (Vietnam)", "Foxconn (Far East)")."""
    if doc[end - 1].text != ")":
        return None
    i = end - 2
    while i >= 0 and end - 2 - i < 3 and doc[i].text[:1].isupper() and doc[i].is_alpha:
        i -= 1
    if i == end - 2 or i < 1 or doc[i].text != "(" or not _name_word(doc, i - 1):
        return None
    return i


def _is_form(tok: Token, forms: frozenset[str]) -> bool:
    # ("Ltda" + "." that the tokenizer cut at a sentence's end counts with its full stop)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return _a_form(tok.text, forms, full_stop_after=nxt is not None and nxt.text == "."
                   and not tok.whitespace_)


def _a_form(word: str, forms: frozenset[str], full_stop_after: bool = True) -> bool:
    """Is a word written as a legal form ("Ltda", "AS", "a.s.", "plc")?"""
    if word.islower() and "." not in word and word != "plc":
        return False  # "as", "co", "se": English words, not "AS", "Co", "SE"
    return word.lower() in forms or (full_stop_after and word.lower() + "." in forms)


def _name_word(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if "\n" in tok.whitespace_ or "\n" in tok.text:
        return False
    if tok.text[:1].isupper() or tok.text[:1].isdigit():
        return not tok.is_punct
    if tok.text == "-" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
        return True  # "Hewlett-Packard"
    # a joiner between two name words
    return tok.lower_ in NAME_JOINERS and i > 0 and doc[i - 1].text[:1].isupper()


def ends_in_legal_form(name: str, lex: Lexicon) -> bool:
    """ "Dravec Stroje a.s.", "Kordyl Materials Sp. z o.o.", "Velmora Power Ltd": a name of
    two words or more whose last word is a legal form."""
    words = name.split()
    return len(words) >= 2 and _a_form(words[-1].rstrip(","), lex["legal_forms"] | lex["legal_suffixes"])


def only_legal_form(words: list[str], lex: Lexicon) -> bool:
    """ "S.A. de C.V.", "Co., Ltd.": a legal form with no name in front, which the model
    sometimes tags as an organisation of its own."""
    forms = lex["legal_forms"] | lex["legal_suffixes"]
    words = [w.rstrip(",") for w in words if w not in FORM_JOINERS]
    return bool(words) and all(_a_form(w, forms) for w in words)


# Legal forms that are also English words go on into a name: "Aluminum Company of America".
WORD_FORMS = {"company", "corporation", "limited", "incorporated"}


def closes_a_name(word: str, lex: Lexicon) -> bool:
    """ "s.r.o.", "Inc.", "GmbH": an abbreviated legal form, after which "of <place>" says
    where the company is, not more of its name."""
    return word.lower() not in WORD_FORMS and _a_form(word, lex["legal_forms"])
