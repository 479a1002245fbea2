package report

import (
	"fmt"
	"math"
	"strconv"

	"github.com/accruehq/accrue/generator/ledger"
)

// describeModel states the weights, rate and class thresholds in numbers
// and words.
func describeModel(m ledger.Model, th ledger.Thresholds) ModelInfo {
	info := ModelInfo{
		MonthlyRate: m.MonthlyRate,
		AnnualRate:  Ratio(math.Pow(1+m.MonthlyRate, 12) - 1),
		Weights:     map[string]Points{},
		Thresholds: ThresholdInfo{NewDays: th.NewDays, DormantMonths: th.DormantMonths,
			WindowMonths: th.WindowMonths, LaunchMonths: th.LaunchMonths},
	}
	for _, k := range depositKinds() {
		info.Weights[k.String()] = Points(m.Weights[k])
	}
	info.Definitions = []string{
		"Every event is a deposit of its kind's weight in points. A deleted mention withdraws its deposit.",
		fmt.Sprintf("Each deposit earns compound interest at %s a month (%s a year): w points deposited m months ago are worth w × %s^m now.",
			percent(m.MonthlyRate), percent(float64(info.AnnualRate)), strconv.FormatFloat(1+m.MonthlyRate, 'f', -1, 64)),
		"A post's value is the sum of its deposits' values; the blog's value is the sum of its posts'. Principal is the sum of the weights; interest is value minus principal.",
		fmt.Sprintf("new: published less than %d days ago.", th.NewDays),
		fmt.Sprintf("dormant: no deposit of any kind in the last %s.", months(th.DormantMonths)),
		fmt.Sprintf("compounding: deposits from others (comments, mentions, links from other posts…, not the author's own publish and updates) per month over the last %s are above zero and at least their rate in the post's first %s.",
			months(th.WindowMonths), months(th.LaunchMonths)),
		"decaying: every other post.",
	}
	return info
}

func months(n int) string {
	if n == 1 {
		return "month"
	}
	return strconv.Itoa(n) + " months"
}
