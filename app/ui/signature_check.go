package ui

import (
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/mlmodel"
	"mlscope/app/signature"
)

// States of a SignatureCheck.
const (
	checkIdle = iota
	checkReading
	checkRunning
	checkDone
	checkFailed
)

// pasteDelay is how long typing or pasting must rest before the pasted
// text is checked.
const pasteDelay = 400 * time.Millisecond

// SignatureCheck checks a scoring request against a model's signature in
// the browser, the way MLflow's scoring server (or predict in Python)
// would enforce it: the user drops or chooses a JSON or CSV file, pastes
// a body, or takes the model's input example. Nothing is sent to the
// server, so it works while the server is away. The work runs in chunks
// (see chunkRows), with a progress bar; the outcome shows the verdict,
// every problem and a paged preview of the data as the model would get it.
//
// The inputs are the model's signature and input example as its MLmodel
// file describes them, and the text of its example files once the model
// view has loaded them (FilesDone).
type SignatureCheck struct {
	app.Compo
	Signature *mlmodel.Signature
	Example   *mlmodel.InputExample
	Files     map[string]string
	FilesDone bool

	sigKey   string
	sig      *signature.Signature
	sigErr   error
	mode     signature.Mode
	req      *checkRequest
	status   int
	job      *checkJob
	progress float64
	res      *signature.Result
	took     time.Duration
	err      error
	page     int
	runs     int // validations finished, shown as data-run for tests
	pasteSeq int
}

// OnMount reads the signature.
func (c *SignatureCheck) OnMount(ctx app.Context) { c.readSignature() }

// OnUpdate starts over when the parent shows another model.
func (c *SignatureCheck) OnUpdate(ctx app.Context) { c.readSignature() }

// OnDismount stops a validation in progress.
func (c *SignatureCheck) OnDismount() {
	c.job.cancel()
	c.job = nil
}

func (c *SignatureCheck) readSignature() {
	key := "none"
	if s := c.Signature; s != nil {
		key = s.InputsJSON + "\x00" + s.OutputsJSON + "\x00" + s.ParamsJSON
	}
	if key == c.sigKey {
		return
	}
	c.job.cancel()
	c.sigKey, c.job, c.req, c.res, c.err, c.status = key, nil, nil, nil, nil, checkIdle
	c.sig, c.sigErr = enforcedSignature(c.Signature)
}

// begin cancels any validation in progress and starts a new job.
func (c *SignatureCheck) begin(status int) *checkJob {
	c.job.cancel()
	c.job = newCheckJob()
	c.status, c.progress, c.err = status, 0, nil
	return c.job
}

func (c *SignatureCheck) fail(err error) {
	c.job.cancel()
	c.job, c.status, c.err = nil, checkFailed, err
	app.Logf("mlscope: %v", err)
}

// onFile reads the file the user dropped or chose, then checks it.
func (c *SignatureCheck) onFile(ctx app.Context, e app.Event) {
	f, ok := chosenFile(e)
	if !ok {
		return
	}
	job := c.begin(checkReading)
	c.req = &checkRequest{name: f.name}
	ctx.Async(func() {
		b, err := f.read()
		ctx.Dispatch(func(ctx app.Context) {
			if c.job != job {
				return
			}
			if err != nil {
				c.fail(err)
				return
			}
			c.req = &checkRequest{body: b, name: f.name, contentType: sniffContentType(f.name, b)}
			c.run(ctx, job)
		})
	})
}

// onPaste checks the pasted text once the user stops typing.
func (c *SignatureCheck) onPaste(ctx app.Context, e app.Event) {
	text := e.Get("target").Get("value").String()
	c.pasteSeq++
	seq := c.pasteSeq
	ctx.After(pasteDelay, func(ctx app.Context) {
		if seq != c.pasteSeq || text == "" {
			return
		}
		body := []byte(text)
		c.check(ctx, checkRequest{body: body, name: "pasted text",
			contentType: sniffContentType("", body)})
	})
}

// onExample checks the model's input example.
func (c *SignatureCheck) onExample(ctx app.Context, e app.Event) {
	body, from, err := exampleRequest(c.Example, c.Files)
	if err != nil {
		c.fail(err)
		return
	}
	c.check(ctx, checkRequest{body: []byte(body), name: from,
		contentType: signature.ContentJSON})
}

// onMode switches between the scoring server's rules and predict's, and
// checks the current request again.
func (c *SignatureCheck) onMode(m signature.Mode) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if c.mode == m {
			return
		}
		c.mode = m
		if c.req != nil && c.req.body != nil {
			c.check(ctx, *c.req)
		}
	}
}

// onShowRow pages the preview to a row.
func (c *SignatureCheck) onShowRow(row int) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.page = row / previewRows }
}

func (c *SignatureCheck) onPage(page int) app.EventHandler {
	return func(ctx app.Context, e app.Event) { c.page = page }
}

func (c *SignatureCheck) check(ctx app.Context, req checkRequest) {
	job := c.begin(checkRunning)
	c.req = &req
	c.run(ctx, job)
}

// run validates c.req in the background and shows the outcome.
func (c *SignatureCheck) run(ctx app.Context, job *checkJob) {
	c.status = checkRunning
	sig, req, mode := c.sig, *c.req, c.mode
	ctx.Async(func() {
		res := job.validate(sig, req, mode, func(p float64) {
			ctx.Dispatch(func(ctx app.Context) {
				if c.job == job {
					c.progress = p
				}
			})
		})
		if res == nil {
			return // cancelled
		}
		took := time.Since(job.start)
		ctx.Dispatch(func(ctx app.Context) {
			if c.job != job {
				return
			}
			c.res, c.took, c.status, c.page, c.job = res, took, checkDone, 0, nil
			c.runs++
		})
	})
}

// Render draws the inputs, then the progress, the error or the outcome.
func (c *SignatureCheck) Render() app.UI {
	part := app.Div().Class("model-part signature-check").ID("model-check")
	head := app.H3().Text("Check a request")
	if c.sigErr != nil {
		return part.Body(head, errorBox("The signature cannot be read, so requests cannot "+
			"be checked against it.", c.sigErr))
	}
	return part.Body(
		head,
		app.P().Class("muted check-intro").Text("Checked in this browser against the "+
			"signature, as MLflow would enforce it; nothing is sent to the server."),
		c.inputs(),
		c.outcome(),
	)
}

func (c *SignatureCheck) outcome() app.UI {
	switch c.status {
	case checkReading:
		return checkProgress("Reading "+c.req.name+"…", -1)
	case checkRunning:
		return checkProgress("Checking "+c.req.name+"…", c.progress)
	case checkFailed:
		return errorBox("The request could not be checked.", c.err)
	case checkDone:
		return c.result()
	}
	if c.Signature == nil {
		return app.P().Class("muted").Text("This model has no signature: MLflow accepts " +
			"any request, and so does the check.")
	}
	return app.Text("")
}

// checkProgress is the progress bar of a validation; p < 0 is unknown.
func checkProgress(label string, p float64) app.UI {
	bar := app.Progress().ID("signature-progress").Max(1)
	pct := ""
	if p >= 0 {
		bar = bar.Value(p)
		pct = " " + itoa(int(p*100)) + "%"
	}
	return app.Div().Class("check-progress").Aria("live", "polite").Body(
		bar, app.Span().Class("muted").Text(label+pct))
}
