package console

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/sportello/sportello/evals"
	"github.com/sportello/sportello/web/console/views"
)

// MaxSetBytes bounds an uploaded evaluation set.
const MaxSetBytes = 8 << 20

// evalsPage lets editors run a shipped or uploaded evaluation set against
// the current knowledge base and read the HTML report.
func (c *Console) evalsPage(w http.ResponseWriter, r *http.Request) error {
	m := views.EvalsModel{Frame: c.frame(r, c.t(c.lang(r), "EditorEvalsTitle")), Sets: evals.ShippedSets()}
	return render(w, r, http.StatusOK, views.EvalsPage(m))
}

func (c *Console) evalsRun(w http.ResponseWriter, r *http.Request) error {
	ui := c.lang(r)
	m := views.EvalsModel{Frame: c.frame(r, c.t(ui, "EditorEvalsTitle")), Sets: evals.ShippedSets()}
	var set io.Reader
	name := r.PostFormValue("set")
	if file, hdr, err := r.FormFile("file"); err == nil {
		defer file.Close()
		body, err := io.ReadAll(io.LimitReader(file, MaxSetBytes+1))
		if err != nil {
			return err
		}
		if len(body) > MaxSetBytes {
			m.Error = c.tf(ui, "EditorImportTooBig", map[string]any{"MB": MaxSetBytes >> 20})
			return render(w, r, http.StatusRequestEntityTooLarge, views.EvalsPage(m))
		}
		set, name = bytes.NewReader(body), hdr.Filename
	} else if slices.Contains(m.Sets, name) {
		f, err := evals.OpenShipped(name)
		if err != nil {
			return err
		}
		defer f.Close()
		set, name = f, name+".jsonl"
	} else {
		m.Error = c.t(ui, "EditorEvalsNoSet")
		return render(w, r, http.StatusBadRequest, views.EvalsPage(m))
	}
	results, err := evals.Evaluate(r.Context(), c.Chat.Engine, c.KB, set, evals.Options{Name: name, Languages: c.langs()})
	if err != nil {
		// The set's mistakes, with file and line, or a failing store.
		m.Error = c.tf(ui, "EditorEvalsBadSet", map[string]any{"Err": err.Error()})
		return render(w, r, http.StatusUnprocessableEntity, views.EvalsPage(m))
	}
	c.record(r.Context(), r, "evals.run", "set:"+name, fmt.Sprintf("%d messages", len(results)))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	return evals.WriteHTML(w, evals.Analyze(results, c.Chat.Engine.Thresholds))
}
