package report

import (
	"math"
	"strconv"
	"time"
)

// Report is the compound interest statement of a blog as of a date. Its
// JSON form is the stable schema of `accrue report --format json`: fields
// are only ever added.
type Report struct {
	Site  Site      `json:"site"`
	AsOf  time.Time `json:"as_of"`
	Since time.Time `json:"since"`
	Model ModelInfo `json:"model"`

	Summary   Summary    `json:"summary"`
	Timeline  []Month    `json:"timeline"`
	Posts     []PostRow  `json:"posts"`
	Changes   Changes    `json:"changes"`
	Champions []Champion `json:"champions"`
	Actions   Actions    `json:"actions"`
}

// Points are value in the model's points. JSON carries them rounded to
// hundredths, so output does not depend on the last bits of a float.
type Points float64

func (p Points) MarshalJSON() ([]byte, error) { return []byte(hundredths(p)), nil }

// Ratio is a fraction (0.25 is 25%), carried in JSON to four places.
type Ratio float64

func (r Ratio) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, math.Round(float64(r)*1e4)/1e4, 'f', -1, 64), nil
}

// Summary is the report's first screen.
type Summary struct {
	Value     Points `json:"value"`
	Principal Points `json:"principal"`
	Interest  Points `json:"interest"`
	// Depreciation is what dormant posts lost (the activity model):
	// value is principal plus interest minus depreciation.
	Depreciation Points `json:"depreciation"`
	// ValueYearAgo is the value a year before the report's date, and
	// AnnualGrowth the growth since, as a fraction (0.25 is 25%); null
	// when the blog was worth less than a point a year ago.
	ValueYearAgo Points `json:"value_year_ago"`
	AnnualGrowth *Ratio `json:"annual_growth"`
	Posts        int    `json:"posts"`
	Deposits     int    `json:"deposits"`
	// Classes counts posts by class: new, compounding, decaying, dormant.
	Classes map[string]int `json:"classes"`
	// TopTenthShare is the share of value held by the most valuable tenth
	// of posts; CompoundingShare by the compounding posts.
	TopTenthShare    Ratio `json:"top_tenth_share"`
	CompoundingShare Ratio `json:"compounding_share"`
	// Shape is the distribution of value: the share held by the top 1%,
	// 10%, 20% and half of the posts. HalfValuePosts is how few posts
	// hold half the value; CompoundingOneIn says 1 post in how many
	// compounds (0 when none does).
	Shape            []Share `json:"shape"`
	HalfValuePosts   int     `json:"half_value_posts"`
	CompoundingOneIn int     `json:"compounding_one_in"`
}

// Share is the share of value the most valuable fraction of posts holds.
type Share struct {
	Posts Ratio `json:"posts"`
	Value Ratio `json:"value"`
}

// Month is a line of the bank statement.
type Month struct {
	Month string `json:"month"` // 2006-01
	// Deposits are the points deposited, by kind; Count the events.
	Deposits  map[string]Points `json:"deposits"`
	Count     int               `json:"count"`
	Opening   Points            `json:"opening"`
	Principal Points            `json:"principal"` // deposited this month
	Interest  Points            `json:"interest"`  // earned this month
	// Depreciation is what dormant posts lost this month.
	Depreciation Points `json:"depreciation"`
	Closing      Points `json:"closing"` // value at the month's end (or the report's date)
}

// PostRow is a post's line in the posts table.
type PostRow struct {
	File      string    `json:"file"`
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Published time.Time `json:"published"`
	AgeDays   int       `json:"age_days"`
	Class     string    `json:"class"`
	Value     Points    `json:"value"`
	Principal Points    `json:"principal"`
	Interest  Points    `json:"interest"`
	// Depreciation is what the post lost while dormant.
	Depreciation Points `json:"depreciation"`
	// Deposits counts events by kind.
	Deposits    map[string]int `json:"deposits"`
	LastDeposit time.Time      `json:"last_deposit"`
	// Growth is the value gained over the "what changed" period.
	Growth Points `json:"growth"`
	// Inbound counts the blog's posts that link to this one.
	Inbound int `json:"inbound_links"`
	// Spark is the value at the end of each of the last 12 months, the
	// last one at the report's date.
	Spark []Points `json:"spark"`
	// Flow is the points deposited in each of the last 12 calendar
	// months, the report's own last. The posts table draws it on one
	// scale for every post: a quiet post's line is flat.
	Flow []Points `json:"flow"`
}

// Changes is what happened in the period from Since to AsOf.
type Changes struct {
	NewCommenters []First       `json:"new_commenters"`
	NewDomains    []First       `json:"new_domains"`
	ClassChanges  []ClassChange `json:"class_changes"`
	Gainers       []Gainer      `json:"gainers"`
	NewLinks      []Link        `json:"new_internal_links"`
	// Moments and Friends look back to RecentSince: RecentDays before
	// the report's date, or the period's start when earlier.
	RecentSince time.Time `json:"recent_since"`
	Moments     []Moment  `json:"moments"`
	Friends     Friends   `json:"friends"`
}

// First is someone's first deposit ever.
type First struct {
	Name  string    `json:"name"`
	URL   string    `json:"url"`
	Post  string    `json:"post"`
	Title string    `json:"title"`
	Kind  string    `json:"kind"`
	Date  time.Time `json:"date"`
}

// ClassChange is a post whose class at Since differs from its class now.
type ClassChange struct {
	Post  string `json:"post"`
	Title string `json:"title"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Gainer is a post that gained value over the period.
type Gainer struct {
	Post  string `json:"post"`
	Title string `json:"title"`
	Gain  Points `json:"gain"`
	Value Points `json:"value"`
}

// Link is an internal link made in the period.
type Link struct {
	From      string    `json:"from"`
	FromTitle string    `json:"from_title"`
	To        string    `json:"to"`
	ToTitle   string    `json:"to_title"`
	Date      time.Time `json:"date"`
}

// Champion is a person or site that deposits on the blog.
type Champion struct {
	Name     string    `json:"name"`
	URL      string    `json:"url"`
	Site     string    `json:"site"`
	Points   Points    `json:"points"`
	Value    Points    `json:"value"` // what their deposits are worth now
	Deposits int       `json:"deposits"`
	Posts    int       `json:"posts"` // distinct posts
	First    time.Time `json:"first_seen"`
	Last     time.Time `json:"last_seen"`
}

// Actions are what the report suggests doing next.
type Actions struct {
	// Update lists valuable posts that went dormant, then valuable
	// decaying ones the author has not touched lately.
	Update        []Candidate    `json:"update"`
	Orphans       []PostRef      `json:"orphans"`
	Conversations []Conversation `json:"conversations"`
	Broken        []string       `json:"broken_links"`
}

// Candidate is a post worth updating, and why.
type Candidate struct {
	Post        string    `json:"post"`
	Title       string    `json:"title"`
	Value       Points    `json:"value"`
	LastDeposit time.Time `json:"last_deposit"`
	Why         string    `json:"why"`
}

// PostRef names a post.
type PostRef struct {
	Post  string `json:"post"`
	Title string `json:"title"`
	URL   string `json:"url"`
	Value Points `json:"value"`
}

// Conversation is a comment still waiting for the author's reply.
type Conversation struct {
	Post   string    `json:"post"`
	Title  string    `json:"title"`
	Author string    `json:"author"`
	URL    string    `json:"url"`
	Date   time.Time `json:"date"`
	File   string    `json:"file"`
}

// ModelInfo states the model the report used, so it can be read alone.
type ModelInfo struct {
	// Name is "activity" or "savings"; the activity model's parameters
	// are zero in the savings model.
	Name           string            `json:"name"`
	ActivityMonths float64           `json:"activity_months"`
	ActivityPoints float64           `json:"activity_points"`
	HalfLifeMonths float64           `json:"half_life_months"`
	MonthlyRate    float64           `json:"monthly_rate"`
	AnnualRate     Ratio             `json:"annual_rate"` // (1+r)^12 - 1, as a fraction
	Weights        map[string]Points `json:"weights"`
	Thresholds     ThresholdInfo     `json:"thresholds"`
	// Definitions say in words how value and classes are computed.
	Definitions []string `json:"definitions"`
}

// ThresholdInfo are the class thresholds.
type ThresholdInfo struct {
	NewDays           int `json:"new_days"`
	DormantMonths     int `json:"dormant_months"`
	WindowMonths      int `json:"window_months"`
	LaunchMonths      int `json:"launch_months"`
	MinDeposits       int `json:"min_deposits"`
	EvergreenMonths   int `json:"evergreen_months"`
	EvergreenQuarters int `json:"evergreen_quarters"`
}
