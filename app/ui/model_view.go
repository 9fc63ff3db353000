package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/url"
	"path"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"mlscope/app/exportfmt"
	"mlscope/app/mlmodel"
)

// sideFileLimit is the most text of one companion file (requirements,
// input example) the model view shows; the rest is a download away.
const sideFileLimit = 64 << 10

// ModelView shows a logged model folder, the one holding an MLmodel file:
// its flavors with library versions, where and when it was logged, its
// signature, input example and environment, and Python that loads it. A
// run's folder is named by RunID and Path (below the run's artifacts); a
// registered version by Name and Version.
type ModelView struct {
	app.Compo
	RunID   string
	Path    string
	Name    string
	Version string
	// ModelID names an MLflow 3 logged model (m-...), whose files live
	// in the experiment's models folder rather than in a run.
	ModelID string

	loadedKey string
	load      loadState
	model     *mlmodel.Model
	files     map[string]string // companion file -> its text; missing files are absent
	filesDone bool
	copied    string // "copied", "unavailable" or ""
}

func (v *ModelView) key() string {
	return v.RunID + "\x00" + v.Path + "\x00" + v.Name + "\x00" + v.Version + "\x00" + v.ModelID
}

// OnMount loads the model.
func (v *ModelView) OnMount(ctx app.Context) { v.fetch(ctx) }

// OnUpdate reloads when the parent points the view at another model.
func (v *ModelView) OnUpdate(ctx app.Context) {
	if v.key() != v.loadedKey {
		v.fetch(ctx)
	}
}

// fileURL is the download address of a file of the model folder.
func (v *ModelView) fileURL(rel string) string {
	if inExport() && v.ModelID != "" {
		return sitePath("/" + exportfmt.LoggedModelFilePath(v.ModelID, rel))
	}
	if inExport() && v.Name != "" {
		return sitePath("/" + exportfmt.VersionFilePath(v.Name, v.Version, rel))
	}
	if v.ModelID != "" {
		return apiBase + "logged-models/" + url.PathEscape(v.ModelID) +
			"/artifacts/files?" + url.Values{"artifact_file_path": {rel}}.Encode()
	}
	if v.Name != "" {
		q := url.Values{"name": {v.Name}, "version": {v.Version}, "path": {rel}}
		return "/model-versions/get-artifact?" + q.Encode()
	}
	return artifactURL(v.RunID, path.Join(v.Path, rel))
}

// uri is what the load snippet loads.
func (v *ModelView) uri() string {
	if v.ModelID != "" {
		return "models:/" + v.ModelID // how MLflow 3 loads a logged model
	}
	if v.Name != "" {
		return mlmodel.RegistryURI(v.Name, v.Version)
	}
	return mlmodel.RunURI(v.RunID, v.Path)
}

func (v *ModelView) fetch(ctx app.Context) {
	key := v.key()
	v.loadedKey, v.load, v.model, v.files, v.filesDone = key, loading, nil, nil, false
	mlmodelURL := v.fileURL(mlmodel.FileName)
	fileURL := v.fileURL
	ctx.Async(func() {
		m, err := loadModel(mlmodelURL)
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedKey == key {
				v.load, v.model = v.load.done(err), m
			}
		})
		if err != nil {
			return
		}
		files := map[string]string{}
		for _, name := range append(m.ExampleFiles(), mlmodel.EnvFiles...) {
			status, b, err := fetch("GET", fileURL(name), nil)
			if err == nil && status == 200 {
				files[name] = string(b)
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if v.loadedKey == key {
				v.files, v.filesDone = files, true
			}
		})
	})
}

// errNoModelFile is loadModel's answer when the server has no MLmodel
// file at the address.
var errNoModelFile = errors.New("no MLmodel file here")

// loadModel fetches and parses the MLmodel file at the address u. It
// blocks. The server sends the file as JSON (mlscope/mlmodel), so that no
// YAML decoder is in the WebAssembly module.
func loadModel(u string) (*mlmodel.Model, error) {
	status, b, err := fetch("GET", mlmodelJSONURL(u), nil)
	switch {
	case err != nil:
		return nil, err
	case status == 404:
		return nil, errNoModelFile
	case status != 200:
		// MLflow's error, when the file is not a valid MLmodel, says where.
		return nil, statusError("GET", u, status, b)
	}
	return mlmodel.ParseJSON(b)
}

// mlmodelPath is the server's endpoint that sends an MLmodel file as JSON.
const mlmodelPath = "/ajax-api/2.0/mlscope/mlmodel"

// mlmodelJSONURL is the address of the MLmodel file at u as JSON.
func mlmodelJSONURL(u string) string {
	return mlmodelPath + "?" + url.Values{"file": {u}}.Encode()
}

func (v *ModelView) onCopy(ctx app.Context, e app.Event) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		// Browsers offer the clipboard only to secure pages (https or
		// localhost); the text stays selectable.
		v.copied = "unavailable"
		return
	}
	clip.Call("writeText", mlmodel.LoadSnippet(v.uri()))
	v.copied = "copied"
}

// Render draws the model in its loading, failed or loaded state.
func (v *ModelView) Render() app.UI {
	switch {
	case errors.Is(v.load.err, errNoModelFile):
		return app.Div().Class("model-view empty").ID("model-view").Body(
			app.P().Text("The model's files are not on this machine."),
			app.P().Class("muted").Text("The MLmodel file was not found where the model was "+
				"logged; the tree may have been copied without its artifacts."))
	case v.load.status == statusFailed:
		return app.Div().Class("model-view").ID("model-view").Body(
			errorBox("The model's MLmodel file could not be read.", v.load.err))
	case v.model == nil:
		return app.Div().Class("model-view").ID("model-view").Body(
			app.Div().Class("skeleton-block"))
	}
	m := v.model
	return app.Div().Class("model-view").ID("model-view").Body(
		v.facts(),
		app.If(len(m.Problems) > 0, errorBox("Parts of this MLmodel file could not be read; "+
			"they are left out below.", errors.New(joinLines(m.Problems)))),
		v.snippet(),
		modelSignature(m.Signature),
		&SignatureCheck{Signature: m.Signature, Example: m.InputExample, Files: v.files,
			FilesDone: v.filesDone},
		v.example(),
		v.environment(),
		flavorDetails(m.Flavors),
	)
}

func (v *ModelView) facts() app.UI {
	m := v.model
	logged := "-"
	if t, ok := m.Created(); ok {
		logged = t.Local().Format("2006-01-02 15:04:05")
	}
	flavors := app.Span().Class("chips").Body(app.Range(m.Flavors).Slice(func(i int) app.UI {
		f := m.Flavors[i]
		return app.Span().Class("chip flavor").Text(joinNonEmpty(f.Name, f.Version()))
	}))
	run := app.Code().Title(m.RunID).Text(shortID(m.RunID))
	size := app.Span().Class("num").Text(formatBytes(m.SizeBytes))
	return app.Dl().Class("facts").ID("model-facts").Body(
		fact("Flavors", flavors),
		app.If(m.RunID != "", fact("Logged by run", run)),
		fact("Logged at", app.Span().Class("time").Title(m.UTCTimeCreated+" UTC").Text(logged)),
		fact("MLflow version", app.Text(orDash(m.MLflowVersion))),
		app.If(m.SizeBytes > 0, fact("Size", size)),
		app.If(m.ModelID != "", fact("Model ID", app.Code().Text(m.ModelID))),
		app.If(m.ModelID == "" && m.ModelUUID != "",
			fact("Model UUID", app.Code().Text(m.ModelUUID))),
	)
}

func (v *ModelView) snippet() app.UI {
	label := "Copy"
	switch v.copied {
	case "copied":
		label = "Copied"
	case "unavailable":
		label = "Select the text to copy"
	}
	return app.Div().Class("model-part").ID("model-snippet").Body(
		app.Div().Class("part-head").Body(
			app.H3().Text("Load it in Python"),
			app.Button().Class("button").ID("copy-snippet").Text(label).OnClick(v.onCopy),
		),
		app.Pre().Class("code-block").Text(mlmodel.LoadSnippet(v.uri())),
	)
}

func (v *ModelView) example() app.UI {
	names := v.model.ExampleFiles()
	if len(names) == 0 {
		return app.Div().Class("model-part").ID("model-example").Body(
			app.H3().Text("Input example"),
			app.P().Class("muted").Text("This model was logged without an input example."))
	}
	return app.Div().Class("model-part").ID("model-example").Body(
		app.H3().Text("Input example"),
		app.Range(names).Slice(func(i int) app.UI { return v.sideFile(names[i], i == 0) }),
	)
}

func (v *ModelView) environment() app.UI {
	return app.Div().Class("model-part").ID("model-env").Body(
		app.H3().Text("Environment"),
		app.Range(mlmodel.EnvFiles).Slice(func(i int) app.UI {
			return v.sideFile(mlmodel.EnvFiles[i], i == 0)
		}),
	)
}

// sideFile shows one companion file, folded unless open, or says that it
// is missing once the files are loaded.
func (v *ModelView) sideFile(name string, open bool) app.UI {
	text, ok := v.files[name]
	switch {
	case !v.filesDone:
		return app.Div().Class("skeleton-line")
	case !ok:
		return app.P().Class("muted side-file").Body(app.Code().Text(name),
			app.Text(" is not in this model."))
	}
	if strings.HasSuffix(name, ".json") {
		text = indentJSON(text)
	}
	cut := len(text) > sideFileLimit
	if cut {
		text = text[:sideFileLimit]
	}
	return app.Details().Class("side-file").Open(open).DataSet("file", name).Body(
		app.Summary().Body(app.Code().Text(name), app.A().Class("download").
			Href(v.fileURL(name)).Attr("download", name).Text("Download")),
		app.Pre().Class("code-block").Text(text),
		app.If(cut, app.P().Class("muted").Text("Shortened; download the file to see all of it.")),
	)
}

// indentJSON lays out compact JSON (input examples are written on one
// line) two spaces deep; text that is not JSON is returned as it is.
func indentJSON(text string) string {
	var buf bytes.Buffer
	if len(text) > 4*sideFileLimit || json.Indent(&buf, []byte(text), "", "  ") != nil {
		return text
	}
	return buf.String()
}
