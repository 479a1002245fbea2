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
		Name:        m.Interest.String(),
		MonthlyRate: m.MonthlyRate,
		AnnualRate:  Ratio(math.Pow(1+m.MonthlyRate, 12) - 1),
		Weights:     map[string]Points{},
		Thresholds: ThresholdInfo{NewDays: th.NewDays, DormantMonths: th.DormantMonths,
			WindowMonths: th.WindowMonths, LaunchMonths: th.LaunchMonths, MinDeposits: th.MinDeposits,
			EvergreenMonths: th.EvergreenMonths, EvergreenQuarters: th.EvergreenQuarters},
	}
	for _, k := range depositKinds() {
		info.Weights[k.String()] = Points(m.Weights[k])
	}
	rate := strconv.FormatFloat(1+m.MonthlyRate, 'f', -1, 64)
	info.Definitions = []string{"Every event is a deposit of its kind's weight in points. A deleted mention withdraws its deposit."}
	if m.Interest == ledger.Activity {
		info.ActivityMonths, info.ActivityPoints, info.HalfLifeMonths = m.ActivityMonths, m.ActivityPoints, m.HalfLifeMonths
		info.Definitions = append(info.Definitions,
			fmt.Sprintf("Model: activity. A post's balance earns interest at a rate that follows its activity, the points it received over the last %s: %s points earn %s a month, twice as many twice that, up to %d times.",
				monthsF(m.ActivityMonths), strconv.FormatFloat(m.ActivityPoints, 'f', -1, 64), percent(m.MonthlyRate), ledger.MaxBoost),
			fmt.Sprintf("A post that received nothing for %s depreciates: its balance halves every %s. A lone deposit of w points is worth w × %s^(%s × w/%s) once its window closes, then half that %s later.",
				monthsF(m.ActivityMonths), monthsF(m.HalfLifeMonths), rate, strconv.FormatFloat(m.ActivityMonths, 'f', -1, 64),
				strconv.FormatFloat(m.ActivityPoints, 'f', -1, 64), monthsF(m.HalfLifeMonths)),
			"The blog's value is the sum of its posts'. Principal is the sum of the weights; value is principal plus interest minus depreciation, so it measures what is alive, not how old it is.")
	} else {
		info.Definitions = append(info.Definitions,
			fmt.Sprintf("Model: savings. Each deposit earns compound interest at %s a month (%s a year): w points deposited m months ago are worth w × %s^m now.",
				percent(m.MonthlyRate), percent(float64(info.AnnualRate)), rate),
			"A post's value is the sum of its deposits' values; the blog's value is the sum of its posts'. Principal is the sum of the weights; interest is value minus principal.")
	}
	info.Definitions = append(info.Definitions,
		fmt.Sprintf("new: published less than %d days ago.", th.NewDays),
		fmt.Sprintf("dormant: no deposit of any kind in the last %s.", months(th.DormantMonths)),
		fmt.Sprintf("compounding: at least %d deposits from others (comments, mentions, links from other sites and from the blog's posts…, not the author's own publish and updates) in the last %s after launch, worth at least as many points as those of the post's first %s.",
			th.MinDeposits, months(th.WindowMonths), months(th.LaunchMonths)),
		fmt.Sprintf("evergreen: after launch, deposits from others or the author's updates in at least %d of the quarters of the last %s.",
			th.EvergreenQuarters, months(th.EvergreenMonths)),
		"decaying: every other post.",
	)
	return info
}

// monthsF is months for a parameter that may be fractional.
func monthsF(f float64) string {
	if f == math.Trunc(f) {
		return months(int(f))
	}
	return strconv.FormatFloat(f, 'f', -1, 64) + " months"
}

func months(n int) string {
	if n == 1 {
		return "month"
	}
	return strconv.Itoa(n) + " months"
}
