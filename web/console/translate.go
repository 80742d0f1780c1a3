package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sportello/sportello/chat"
	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/web/console/views"
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

// OperatorLanguage is the language operators read and write: citizens'
// messages in other languages are shown with a translation into it, and
// replies written in it can be translated into the citizen's.
const OperatorLanguage = "it"

// Bounds of the bilingual view's translations.
const (
	// translateBudget bounds the translations one page view waits for:
	// past it the page shows the originals with a note.
	translateBudget = 10 * time.Second
	// translateParallel is how many messages are translated at once.
	translateParallel = 4
	// translateRetry is how long a message whose translation failed is
	// shown without one before the model is asked again, so that a
	// failing model does not slow every refresh of the page.
	translateRetry = time.Minute
)

// mtFailures remembers, per turn, when its translation last failed.
type mtFailures struct {
	mu sync.Mutex
	at map[string]time.Time
}

func (f *mtFailures) recent(key string, now time.Time) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.at[key]
	if ok && now.Sub(t) >= translateRetry {
		delete(f.at, key)
		return false
	}
	return ok
}

func (f *mtFailures) add(key string, now time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.at == nil {
		f.at = map[string]time.Time{}
	}
	if len(f.at) > 10000 {
		clear(f.at) // a bound, not a policy: entries only delay retries
	}
	f.at[key] = now
}

// translateTurns gives every citizen's message not in OperatorLanguage
// its translation: the one stored with the turn, or one the model makes
// now and the store keeps, so that a reload or another process does not
// ask again. A message the model could not translate keeps only its
// original, with a note. Without a model nothing changes.
func (c *Console) translateTurns(ctx context.Context, ui string, convLang string, turns []chat.Turn, vts []views.Turn) {
	if c.LLM == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, translateBudget)
	defer cancel()
	sem := make(chan struct{}, translateParallel)
	var wg sync.WaitGroup
	for i := range turns {
		t := &turns[i]
		lang := t.Lang
		if lang == "" {
			lang = convLang
		}
		if t.Role != chat.RoleCitizen || lang == "" || lang == OperatorLanguage || strings.TrimSpace(t.Text) == "" {
			continue
		}
		vt := &vts[i]
		vt.TranslationLang = OperatorLanguage
		if tr := t.Translation(OperatorLanguage); tr != nil {
			vt.Translation = tr.Text
			continue
		}
		key := fmt.Sprintf("%s/%d", t.ConversationID, t.Seq)
		if c.mt.recent(key, c.Now()) {
			vt.TranslationNote = c.t(ui, "ConsoleTranslationFailed")
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
				defer func() { <-sem }()
			case <-ctx.Done():
				vt.TranslationNote = c.t(ui, "ConsoleTranslationFailed")
				return
			}
			out, err := c.LLM.TranslateText(ctx, t.Text, lang, OperatorLanguage)
			if err != nil || out.Fallback {
				reason := string(out.FallbackReason)
				if err != nil {
					reason = err.Error()
				}
				c.Log.Warn("translating a message for the operator failed", "conversation", t.ConversationID, "seq", t.Seq, "reason", reason)
				c.mt.add(key, c.Now())
				vt.TranslationNote = c.t(ui, "ConsoleTranslationFailed")
				return
			}
			vt.Translation = out.Text
			tr := chat.TurnTranslation{Lang: OperatorLanguage, Text: out.Text, Model: out.Model}
			if err := c.Chat.Store.AddTranslation(context.WithoutCancel(ctx), t.ConversationID, t.Seq, tr); err != nil {
				c.Log.Error("keeping a translation", "conversation", t.ConversationID, "seq", t.Seq, "err", err.Error())
			}
		}()
	}
	wg.Wait()
}
