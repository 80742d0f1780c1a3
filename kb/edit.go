package kb

// MinCorrectableLen is the shortest term, in letters, that retrieval tries
// to correct: shorter words are one edit away from too many others.
const MinCorrectableLen = 5

// WithinOneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of two adjacent letters: the typos a
// hurried citizen makes ("rinovo", "identitá", "cetrificato").
func WithinOneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	switch len(y) - len(x) {
	case 0:
		diff := -1
		for i := range x {
			if x[i] == y[i] {
				continue
			}
			if diff >= 0 {
				// A second difference is fine only as the swap of the first.
				return diff == i-1 && x[diff] == y[i] && x[i] == y[diff] && equalFrom(x, y, i+1)
			}
			diff = i
		}
		return true
	case 1:
		i := 0
		for i < len(x) && x[i] == y[i] {
			i++
		}
		return equalFrom(x[i:], y[i+1:], 0)
	}
	return false
}

func equalFrom(x, y []rune, from int) bool {
	if len(x) != len(y) {
		return false
	}
	for i := from; i < len(x); i++ {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
