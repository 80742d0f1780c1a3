package kb

import (
	"strings"
	"unicode"
)

// DiffOp is one piece of a word diff: text kept, removed or added.
type DiffOp struct {
	Kind byte // '=', '-' or '+'
	Text string
}

// maxDiffWords bounds the quadratic word diff; longer texts are shown as
// one removal and one addition.
const maxDiffWords = 3000

// Diff returns a word-level diff from a to b (longest common subsequence
// of words, whitespace kept with the word before it), for showing two
// revisions of an answer side by side.
func Diff(a, b string) []DiffOp {
	x, y := diffWords(a), diffWords(b)
	if len(x) > maxDiffWords || len(y) > maxDiffWords {
		var ops []DiffOp
		if a != "" {
			ops = append(ops, DiffOp{'-', a})
		}
		if b != "" {
			ops = append(ops, DiffOp{'+', b})
		}
		return ops
	}
	// lcs[i][j] is the LCS length of x[i:] and y[j:].
	lcs := make([][]int32, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []DiffOp
	add := func(k byte, s string) {
		if n := len(ops); n > 0 && ops[n-1].Kind == k {
			ops[n-1].Text += s
			return
		}
		ops = append(ops, DiffOp{k, s})
	}
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] == y[j]:
			add('=', x[i])
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			add('-', x[i])
			i++
		default:
			add('+', y[j])
			j++
		}
	}
	for ; i < len(x); i++ {
		add('-', x[i])
	}
	for ; j < len(y); j++ {
		add('+', y[j])
	}
	return ops
}

// diffWords splits s into words each carrying the spaces after it, so
// that joining them gives s back.
func diffWords(s string) []string {
	var out []string
	var b strings.Builder
	space := false
	for _, r := range s {
		if space && !unicode.IsSpace(r) {
			out = append(out, b.String())
			b.Reset()
		}
		space = unicode.IsSpace(r)
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}
