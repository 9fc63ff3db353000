package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// when returns f's element when ok, and nothing otherwise. Unlike app.If,
// it builds the element only when it is shown.
func when(ok bool, f func() app.UI) app.UI {
	if !ok {
		return nil
	}
	return f()
}

// quoteKey writes a JSON member name as JSON does.
func quoteKey(k string) string { return strconv.Quote(k) }
