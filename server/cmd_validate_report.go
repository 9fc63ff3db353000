package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"mlscope/app/signature"
)

// printReport writes the verdict of a validation for people: the verdict
// and MLflow's answer, then every problem with its place, what was expected
// and what was found, then MLflow's warnings.
func printReport(w io.Writer, res *signature.Result, model string) {
	if res.Accepted {
		fmt.Fprintf(w, "accepted (HTTP %d)\n", res.HTTPStatus)
	} else {
		fmt.Fprintf(w, "rejected: %s (HTTP %d %s)\n", res.Category, res.HTTPStatus, res.ErrorCode)
	}
	fmt.Fprintf(w, "model: %s\n", model)
	fmt.Fprintf(w, "input: %s\n", inputSummary(res))
	if !res.Accepted {
		fmt.Fprintf(w, "MLflow answers: %s\n", res.Message)
	}
	if res.ProblemCount > 0 {
		fmt.Fprintf(w, "\n%s:\n", countNoun(res.ProblemCount, "problem"))
		for _, p := range res.Problems {
			printProblem(w, p)
		}
		if n := res.ProblemCount - len(res.Problems); n > 0 {
			fmt.Fprintf(w, "  and %d more not listed\n", n)
		}
	}
	if len(res.Notes) > 0 {
		fmt.Fprintln(w, "\nnotes:")
		for _, n := range res.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
}

func printProblem(w io.Writer, p signature.Problem) {
	fmt.Fprintf(w, "  %s: %s\n", problemPlace(p), p.Category)
	if p.Expected != "" || p.Found != "" {
		fmt.Fprintf(w, "    expected %s, found %s\n", orDashText(p.Expected), orDashText(p.Found))
	}
	msg := p.Detail
	if msg == "" {
		msg = p.Message
	}
	fmt.Fprintf(w, "    %s\n", msg)
}

// problemPlace says where a problem is: "row 3, column "age", path .x",
// or "request" when it is about the request as a whole. Rows count from
// 0, as pandas numbers them.
func problemPlace(p signature.Problem) string {
	var parts []string
	if p.Row >= 0 {
		parts = append(parts, "row "+strconv.Itoa(p.Row))
	}
	switch {
	case p.Column != "":
		parts = append(parts, "column "+strconv.Quote(p.Column))
	case p.ColumnIndex >= 0:
		parts = append(parts, "column "+strconv.Itoa(p.ColumnIndex))
	}
	if p.Path != "" {
		parts = append(parts, "path "+p.Path)
	}
	if len(parts) == 0 {
		return "request"
	}
	return strings.Join(parts, ", ")
}

// inputSummary names the request format, the size of the data as the
// model would receive it, and the mode.
func inputSummary(res *signature.Result) string {
	parts := []string{string(res.Format)}
	if res.Format == signature.FormatUnknown {
		parts[0] = "unreadable"
	}
	if in := res.Input; in != nil {
		switch {
		case in.Table != nil:
			parts = append(parts, countNoun(in.Table.Rows, "row")+" × "+
				countNoun(len(in.Table.Columns), "column"))
		case len(in.Tensors) > 0:
			parts = append(parts, countNoun(len(in.Tensors), "tensor"))
		}
	}
	return strings.Join(parts, ", ") + ", " + res.Mode.String() + " mode"
}

func countNoun(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func orDashText(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
