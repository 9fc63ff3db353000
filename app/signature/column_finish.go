package signature

import "fmt"

// Column-level results of column-based enforcement: dtype-rule problems,
// notes and the converted table.

func (j *colJob) csvFailure(msg string) {
	j.v.add(Problem{stage: stFrame, Category: CatBadFormat, Row: -1, ColumnIndex: -1,
		Message: csvParseError + msg})
}

// finish adds the column-level problems and notes and returns the column.
func (p *colPlan) finish(j *colJob) *Column {
	if p.op == opRaw || p.checkRule {
		switch {
		case p.outcome == ruleReject && p.failed == 0:
			hint := ""
			if p.src == dtFloat64 && p.spec.Type.Kind.numpy().isInt() && p.hasNaN && p.integral {
				hint = missingValueHint
			}
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: -1,
				Column: p.out.Name, ColumnIndex: p.j, Message: p.incompatible(hint),
				Expected: p.spec.Type.Kind.numpy().String(), Found: p.src.String()})
		case p.outcome == ruleZeroOne && p.badZero > 0:
			j.v.add(Problem{stage: stEnforce, Category: CatBadType, Row: -1,
				Column: p.out.Name, ColumnIndex: p.j, Message: p.incompatible(""),
				Expected: p.spec.Type.Kind.numpy().String(), Found: p.src.String()})
		}
	}
	for k, n := range p.notes {
		if k > 0 && n > 0 {
			j.v.note(noteText(noteKind(k), p.label, n))
		}
	}
	p.out.faulty = j.v.probs.cells[p.j]
	return p.out
}

// missingValueHint explains a float column of whole numbers and NaN met by
// an integer type (MLflow adds a hint in that case).
const missingValueHint = " Hint: pandas stores integers with missing values as floats " +
	"(an int column cannot hold NaN). Declare columns that may have missing values as " +
	"double, or infer the signature from data that has missing values."

func noteText(k noteKind, col string, n int) string {
	switch k {
	case noteWrapped:
		return fmt.Sprintf("Column %s: %d values are out of range for the column's integer "+
			"type and wrap around (pandas astype does not check).", col, n)
	case noteEpoch:
		return fmt.Sprintf("Column %s: %d numbers are read as nanoseconds since 1970-01-01 "+
			"(pandas-version dependent).", col, n)
	case noteUnsure:
		return fmt.Sprintf("Column %s: %d text values become booleans by truthiness "+
			"(numpy-version dependent).", col, n)
	case noteTruncate:
		return fmt.Sprintf("Column %s: %d fractional numbers are truncated to integers.", col,
			n)
	}
	return ""
}

// table builds the converted table after all rows are done.
func (j *colJob) table() *Table {
	t := &Table{Rows: j.f.rows, Columns: make([]Column, 0, len(j.plans))}
	for _, p := range j.plans {
		t.Columns = append(t.Columns, *p.finish(j))
	}
	return t
}
