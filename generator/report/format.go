package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/accruehq/accrue/generator/ledger"
)

// Every form of the report writes figures, dates and counts with these,
// so the terminal, Markdown and the page agree: points with one place
// and thousands separators, shares as percentages, dates as "2 Jan 2006".

// showPoints writes points: "1,234.5".
func showPoints(p Points) string { return thousands(points(float64(p))) }

// showSigned writes a change with its sign: "+3.2", "−1.5" (a minus sign,
// not a hyphen), "0.0".
func showSigned(f float64) string { return signed(f, showPoints(Points(math.Abs(f)))) }

// signed puts f's sign before s, f's size as written; a size that
// rounds to zero goes without one.
func signed(f float64, s string) string {
	switch {
	case strings.Trim(s, "0.%") == "":
		return s
	case f > 0:
		return "+" + s
	}
	return "−" + s
}

// showPercent writes a fraction as a percentage with one place: "12.3%".
func showPercent(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// showSignedPercent writes a growth: "+12.3%", "−4.0%".
func showSignedPercent(f float64) string { return signed(f, showPercent(math.Abs(f))) }

// showDate writes a date as "2 Jan 2006", and no date as nothing.
func showDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

// showMonth writes "2006-01" as "Jan 2006".
func showMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("Jan 2006")
}

// showCount writes a count and its noun: "1 post", "3 posts", "2 replies".
func showCount(n int, noun string) string {
	if n != 1 {
		switch {
		case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ay"):
			noun = noun[:len(noun)-1] + "ies"
		case strings.HasSuffix(noun, "sh"):
			noun += "es"
		default:
			noun += "s"
		}
	}
	return strconv.Itoa(n) + " " + noun
}

// showAge writes a post's age: days, then months, then years.
func showAge(days int) string {
	switch {
	case days < 60:
		return showCount(days, "day")
	case days < 730:
		return strconv.Itoa(int(float64(days)/(365.2425/12))) + " months"
	}
	return strconv.FormatFloat(float64(days)/365.2425, 'f', 1, 64) + " years"
}

// depositBreakdown counts deposits by kind in words, in the ledger's
// order: "1 update, 3 comments". Every post has its one publish, which
// goes without saying.
func depositBreakdown(counts map[string]int) string {
	var parts []string
	for _, k := range ledger.Kinds() {
		if n := counts[k.String()]; n > 0 && k != ledger.KindPublish {
			parts = append(parts, showCount(n, strings.ReplaceAll(k.String(), "-", " ")))
		}
	}
	return strings.Join(parts, ", ")
}

// titleOr is s, or alt when s is empty.
func titleOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// percent writes a fraction as a percentage with as many places as it
// needs, up to two: 0.01 is "1%", 0.126825 "12.68%".
func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*1e4)/100, 'f', -1, 64) + "%"
}

// hundredths writes points rounded to hundredths, as JSON and CSV carry
// them: "12.35", "10".
func hundredths(p Points) string {
	return strconv.FormatFloat(math.Round(float64(p)*100)/100, 'f', -1, 64)
}

// points writes a value with one decimal: "12.5".
func points(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// thousands puts thousands separators into a formatted number: "12345.6"
// is "12,345.6".
func thousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) <= 3 {
		return sign + s
	}
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}
