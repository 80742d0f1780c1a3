package console

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
)

// translateMissing drafts the entry's missing translations with the
// language model, from the source language (or the first language the
// entry has). Drafts are marked machine-translated and stay away from
// citizens until someone reviews them (chat.ReviewedOnly).
func (c *Console) translateMissing(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ui := c.lang(r)
	if c.LLM == nil {
		return &pageError{http.StatusConflict, "EditorNoLLM", errors.New("no language model configured")}
	}
	e, err := c.KB.Get(ctx, r.PathValue("id"))
	if errors.Is(err, kb.ErrNotFound) {
		return errNotFound
	}
	if err != nil {
		return err
	}
	started, _ := strconv.Atoi(r.PostFormValue("revision"))
	var done, failed []string
	for _, lang := range c.langs() {
		if e.Variants[lang] != nil {
			continue
		}
		src := SourceLanguage
		if e.Variants[src] == nil {
			src = e.Languages()[0]
		}
		out, err := c.LLM.Compose(ctx, chat.ComposeInput{Question: e.Variants[src].Question, Lang: lang, Entries: []*kb.Entry{e}})
		if err != nil || out.Fallback || !out.MachineTranslated || strings.TrimSpace(out.Question) == "" {
			failed = append(failed, lang)
			continue
		}
		e.Variants[lang] = &kb.Variant{Question: out.Question, Answer: out.Text, Links: e.Variants[src].Links, MachineTranslated: true}
		done = append(done, lang)
	}
	if len(done) > 0 {
		if _, err := c.KB.Import(ctx, []*kb.Entry{e}, kb.ImportOptions{By: user(r).Login, Expect: map[string]int{e.ID: started}}); err != nil {
			if errors.Is(err, kb.ErrConflict) {
				return &pageError{http.StatusConflict, "ConsoleErrStale", err}
			}
			return err
		}
		c.record(ctx, r, "entry.translate", "entry:"+e.ID, strings.Join(done, " "))
	}
	cur, err := c.KB.Get(ctx, e.ID)
	if err != nil {
		return err
	}
	notice := c.tf(ui, "EditorTranslated", map[string]any{"Done": strings.Join(done, ", "), "Failed": strings.Join(failed, ", ")})
	if len(done) == 0 && len(failed) == 0 {
		notice = c.t(ui, "EditorNothingToTranslate")
	}
	return c.renderEditor(w, r, http.StatusOK, cur, false, nil, notice)
}
