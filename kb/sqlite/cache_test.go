package sqlite

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sportello/sportello/kb"
)

// fill sets every field of v, recursively, to a value that is not zero.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("x" + string(rune('a'+*n%26)))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fill(s.Index(0), n)
		fill(s.Index(1), n)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Unix(int64(*n)*1000, 0).UTC()))
			return
		}
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: a field of kind " + v.Kind().String() + ": teach fill and copyEntry about it")
	}
}

// shares reports the first place where a and b, equal values, share
// memory that one could change under the other.
func shares(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		if !a.IsNil() && a.UnsafePointer() == b.UnsafePointer() {
			return path
		}
	}
	switch a.Kind() {
	case reflect.Pointer:
		if !a.IsNil() {
			return shares(a.Elem(), b.Elem(), path)
		}
	case reflect.Slice:
		for i := range a.Len() {
			if p := shares(a.Index(i), b.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	case reflect.Map:
		for _, k := range a.MapKeys() {
			if p := shares(a.MapIndex(k), b.MapIndex(k), path+"[k]"); p != "" {
				return p
			}
		}
	case reflect.Struct:
		if a.Type() == reflect.TypeFor[time.Time]() {
			return ""
		}
		for i := range a.NumField() {
			if p := shares(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestCopyEntry fills every field of an entry, so that a field added to
// kb.Entry or kb.Variant later is covered too, and checks that the copy
// is equal and shares nothing that could change.
func TestCopyEntry(t *testing.T) {
	var e kb.Entry
	n := 0
	fill(reflect.ValueOf(&e).Elem(), &n)
	c := copyEntry(&e)
	if diff := cmp.Diff(&e, c); diff != "" {
		t.Fatalf("copy differs (-want +got):\n%s", diff)
	}
	if p := shares(reflect.ValueOf(&e), reflect.ValueOf(c), "Entry"); p != "" {
		t.Errorf("the copy shares %s with the original", p)
	}
	// The copy of an entry as stores hold it, with nil fields.
	plain := &kb.Entry{ID: "a", Variants: map[string]*kb.Variant{"it": {Question: "q"}}}
	if diff := cmp.Diff(plain, copyEntry(plain)); diff != "" {
		t.Errorf("copy differs (-want +got):\n%s", diff)
	}
}

// TestEntryCache checks that what Get and the retriever return follows
// every save: an edit, a workflow move and an archive.
func TestEntryCache(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, t.TempDir()+"/kb.db", kb.NewHashEmbedder(0))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	entry := func(answer string, status kb.Status) *kb.Entry {
		return &kb.Entry{ID: "carta", Status: status, Variants: map[string]*kb.Variant{
			"it": {Question: "Come rinnovo la carta d'identità?", Answer: answer}}}
	}
	if _, err := s.Import(ctx, []*kb.Entry{entry("In comune.", kb.StatusPublished)}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	r := &kb.Retriever{Store: s}
	check := func(wantRev int, wantAnswer string, wantHit bool) {
		t.Helper()
		e, err := s.Get(ctx, "carta")
		if err != nil {
			t.Fatal(err)
		}
		if e.Revision != wantRev || e.Variants["it"].Answer != wantAnswer {
			t.Errorf("Get: revision %d %q, want %d %q", e.Revision, e.Variants["it"].Answer, wantRev, wantAnswer)
		}
		e.Variants["it"].Answer = "changed by a caller" // must not reach the cache
		hits, err := r.Search(ctx, kb.Query{Text: "rinnovo carta sportello", Filter: kb.Filter{Lang: "it"}})
		if err != nil {
			t.Fatal(err)
		}
		if !wantHit {
			if len(hits) != 0 {
				t.Errorf("search found %d hits, want none", len(hits))
			}
			return
		}
		if len(hits) != 1 || hits[0].Entry.Revision != wantRev || hits[0].Entry.Variants["it"].Answer != wantAnswer {
			t.Fatalf("search: %+v, want revision %d %q", hits, wantRev, wantAnswer)
		}
		// "sportello" is in the second revision's answer only.
		if inAnswer := hits[0].AnswerCoverage > hits[0].Coverage; inAnswer != (wantRev > 1) {
			t.Errorf("revision %d: answer coverage %v, coverage %v: the answer's terms are stale", wantRev, hits[0].AnswerCoverage, hits[0].Coverage)
		}
	}
	check(1, "In comune.", true)
	check(1, "In comune.", true) // cached now
	if _, err := s.Import(ctx, []*kb.Entry{entry("Allo sportello con la carta d'identità scaduta.", kb.StatusPublished)}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check(2, "Allo sportello con la carta d'identità scaduta.", true)
	if _, err := s.Import(ctx, []*kb.Entry{entry("Allo sportello con la carta d'identità scaduta.", kb.StatusArchived)}, kb.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check(3, "Allo sportello con la carta d'identità scaduta.", false)
}
