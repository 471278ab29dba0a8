"""CSV tables: the columns described, chosen features and target, one-hot text columns, and what is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from graph_core.builder import ModelBuilder
from graph_core.errors import DataError
from kernels.csv_table import MAX_ONE_HOT, describe_csv, feature_names, read_csv
from kernels.datasets import load_dataset

PEOPLE = "age,colour,height,city,kind\n30,red,1.8,Oslo,b\n41,blue,1.6,Rome,a\n25,red,1.7,Oslo,c\n38,green,1.9,Lima,a\n"


def _write(tmp_path: Path, text: str = PEOPLE, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_columns_are_described(tmp_path: Path) -> None:
    table = describe_csv(_write(tmp_path))
    assert table.rows == 4
    assert table.names == ["age", "colour", "height", "city", "kind"]
    assert [c.kind for c in table.columns] == ["number", "text", "number", "text", "text"]
    colour = table.column("colour")
    assert colour.values == ("blue", "green", "red")
    assert colour.distinct == 3
    assert colour.one_hot == ("colour=blue", "colour=green", "colour=red")
    assert table.column("age").values == ()
    assert table.column("age").one_hot == ("age",)


def test_text_features_become_one_hot_columns_in_sorted_order(tmp_path: Path) -> None:
    path = _write(tmp_path)
    x, y, classes = read_csv(path, target="kind", features=["city", "age", "colour"])
    names = feature_names(describe_csv(path), "kind", ["city", "age", "colour"])
    # the file's column order, each text column's values sorted
    assert names == ["age", "colour=blue", "colour=green", "colour=red", "city=Lima", "city=Oslo", "city=Rome"]
    assert x.dtype == np.float32
    np.testing.assert_array_equal(x[0], [30, 0, 0, 1, 0, 1, 0])
    np.testing.assert_array_equal(x[3], [38, 0, 1, 0, 1, 0, 0])
    assert classes == ("a", "b", "c")
    assert y.tolist() == [1, 0, 2, 0]


def test_load_dataset_takes_the_columns_and_names_the_classes(tmp_path: Path) -> None:
    b = ModelBuilder()
    b.add("Dense", b.input((4,)), units=3)
    data = load_dataset(str(_write(tmp_path)), b.done(layout=False), target="kind", features=["colour", "height"])
    assert data.x["input_layer"].shape == (4, 4)
    assert data.classes == ("a", "b", "c")
    assert "input input_layer (4,)" in str(data.description)


def test_defaults_are_as_before(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b,y\n1,2,0.5\n3,4,1.5\n")
    x, y, classes = read_csv(path)
    np.testing.assert_array_equal(x, [[1, 2], [3, 4]])
    assert y.dtype == np.float32 and classes == ()
    with pytest.raises(DataError, match=r"line 2, column 'colour': expected a number; found 'red'"):
        read_csv(_write(tmp_path), target="kind")


@pytest.mark.parametrize(
    ("target", "features", "message"),
    [
        ("kind", ["age", "weight"], r"people.csv has no column 'weight'; it has age, colour, height, city, kind"),
        ("size", None, r"no column 'size'"),
        ("kind", ["kind"], r"people.csv: no feature column is left besides the target 'kind'; choose at least one"),
        ("kind", [], r"no feature column is left"),
    ],
)
def test_a_bad_choice_is_refused(tmp_path: Path, target: str, features: list[str] | None, message: str) -> None:
    with pytest.raises(DataError, match=message):
        read_csv(_write(tmp_path), target=target, features=features)


def test_too_many_texts_to_one_hot_is_refused(tmp_path: Path) -> None:
    n = MAX_ONE_HOT + 1
    path = _write(tmp_path, "name,y\n" + "".join(f"n{i},{i % 2}\n" for i in range(n)), "names.csv")
    with pytest.raises(DataError, match=rf"column 'name' holds {n} different texts; one-hot columns are made for at "
                                        rf"most {MAX_ONE_HOT}"):  # fmt: skip
        read_csv(path, features=["name"])


def test_an_empty_value_says_where(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b,note,y\n1,2,x,0\n3,,,1\n")
    with pytest.raises(DataError, match=r"people.csv line 3, column 'b': the value is empty"):
        read_csv(path, features=["a", "b"])
    x, _, _ = read_csv(path, features=["a"])  # a column not used may have gaps
    np.testing.assert_array_equal(x, [[1], [3]])
    with pytest.raises(DataError, match=r"line 3, column 'note': the value is empty"):
        read_csv(path, features=["a", "note"])
