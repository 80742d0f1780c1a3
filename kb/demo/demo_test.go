package demo

import (
	"testing"

	"github.com/sportello/sportello/kb"
)

// TestDemoContent checks the promise of the demo: at least 40 entries over
// the usual municipal topics, every one in all nine languages.
func TestDemoContent(t *testing.T) {
	entries, err := Entries()
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 40 {
		t.Errorf("%d demo entries, want at least 40", len(entries))
	}
	topics := map[string]int{}
	for _, e := range entries {
		topics[e.Topic]++
		for _, lang := range kb.DefaultLanguages {
			v := e.Variants[lang]
			if v == nil {
				t.Errorf("%s has no %s variant", e.ID, lang)
				continue
			}
			if len(v.Alternates) == 0 || v.SMS == "" || len(v.Links) == 0 {
				t.Errorf("%s/%s lacks alternates, an SMS answer or links", e.ID, lang)
			}
		}
	}
	for _, topic := range []string{"anagrafe", "tributi", "mobilita", "scuola", "sociale", "immigrazione", "rifiuti", "edilizia", "elezioni"} {
		if topics[topic] == 0 {
			t.Errorf("no demo entry on %s", topic)
		}
	}
}
