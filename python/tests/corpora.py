"""Texts for the scikit-learn comparisons: SaudiNewsNet articles (when the
corpus is on the machine), English prose (the docstrings of Python's
standard library) and French text (sentences written for these tests, plus
the French translations of the system's programs when installed).
"""

from __future__ import annotations

import gettext
import importlib
import json
import os
import warnings
from pathlib import Path

SAUDINEWSNET = Path(os.environ.get(
    "ARABICTEXT_SAUDINEWSNET", "/work/shared/corpora/saudinewsnet/saudinewsnet.jsonl"))


def saudinewsnet(count: int) -> list[str] | None:
    """The contents of the first `count` articles of SaudiNewsNet, or None when the corpus is absent."""
    if not SAUDINEWSNET.is_file():
        return None
    texts = []
    with open(SAUDINEWSNET, encoding="utf-8") as file:
        for line in file:
            texts.append(json.loads(line)["content"])
            if len(texts) == count:
                break
    return texts


_MODULES = [
    "argparse", "asyncio", "collections", "concurrent.futures", "csv", "dataclasses", "datetime", "decimal",
    "email", "fractions", "functools", "heapq", "http.client", "inspect", "itertools", "json", "logging",
    "multiprocessing", "os", "pathlib", "pickle", "random", "re", "shutil", "socket", "sqlite3", "statistics",
    "string", "subprocess", "tarfile", "textwrap", "threading", "typing", "unittest", "urllib.parse", "uuid",
    "zipfile",
]


def english() -> list[str]:
    """Docstrings of standard-library modules, classes and functions: real English prose with code in it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # typing.io and typing.re, met on the way
        return _docstrings()


def _docstrings() -> list[str]:
    texts = []
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if module.__doc__:
            texts.append(module.__doc__)
        for attribute in sorted(vars(module)):
            value = getattr(module, attribute)
            doc = getattr(value, "__doc__", None)
            if isinstance(doc, str) and len(doc) > 200 and getattr(value, "__module__", None) == module.__name__:
                texts.append(doc)
    return texts


FRENCH_SENTENCES = """\
L'été dernier, Élodie a traversé la Côte d'Azur à vélo ; elle s'est arrêtée à Fréjus, puis à Saint-Tropez.
Où est passé le cœur de l'œuvre ? Ni l'éditeur ni l'auteur ne l'ont retrouvé après la mise en page.
LES ÉLÈVES DU LYCÉE ÉTUDIENT « À LA RECHERCHE DU TEMPS PERDU » AVANT LES EXAMENS DE JUIN.
Le garçon mangea une crêpe flambée, puis une île flottante, et but un café noisette très sucré.
Aujourd'hui, 14 juillet 2024, la fête nationale réunit 1 500 000 personnes sur les Champs-Élysées.
Ça m'étonnerait qu'il ait reçu la lettre : la Poste était fermée, et Noël tombait un dimanche.
Les œufs, le bœuf et la sœur de Zoé : trois mots où le « œ » ne se sépare pas.
« Qu'est-ce que c'est ? » demanda-t-il, les yeux écarquillés devant l'étrange machine à vapeur.
Le député a rappelé que l'Assemblée nationale votera le budget de l'État avant la fin de l'année.
Dans les Hautes-Pyrénées, les bergers mènent leurs troupeaux vers les estives dès la fin du printemps.
Il faut que vous soyez là à huit heures précises ; sinon, nous partirons sans vous, désolé.
Le naïf Noël croyait que le maïs poussait en hiver et que l'aïeul connaissait tous les secrets.
La Commission européenne a publié un rapport sur l'évolution des prix de l'énergie depuis 2021.
ÉCOLE, ÉTÉ, ÊTRE, ÎLE, ÔTER, ŒUVRE, ÇA : des majuscules accentuées que l'on oublie trop souvent.
Les chercheurs de l'Inria ont présenté un algorithme qui réduit de moitié la consommation des serveurs.
"""


def french() -> list[str]:
    """French text: the sentences above, in overlapping paragraphs, and the
    French messages of installed programs (when /usr/share/locale has them)."""
    sentences = FRENCH_SENTENCES.strip().split("\n")
    texts = [" ".join(sentences[k:k + 4]) for k in range(len(sentences))]
    texts += ["\n".join(sentences[k::3]) for k in range(3)]
    folder = Path("/usr/share/locale/fr/LC_MESSAGES")
    if folder.is_dir():
        for path in sorted(folder.glob("*.mo"))[:20]:
            try:
                with open(path, "rb") as file:
                    catalog = gettext.GNUTranslations(file)
            except Exception:  # a catalog this Python cannot read is skipped
                continue
            messages = [value for key, value in catalog._catalog.items() if key and isinstance(value, str)]
            for start in range(0, min(len(messages), 400), 40):
                texts.append("\n".join(messages[start:start + 40]))
    return texts
