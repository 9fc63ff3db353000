package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// theme is what an experiment is about: a tabular classification task
// with its dataset, the model's input columns and what it predicts.
type theme struct {
	name        string // experiment name
	description string // experiment note (Markdown)
	dataset     string // dataset name
	rows        int    // dataset rows
	columns     []column
	target      string // the predicted column, 0 or 1
}

// column is one input column of a theme's model: its MLflow type (long,
// double or string) and a generator of plausible values.
type column struct {
	name string
	typ  string
	gen  func(r *rand.Rand) any
}

func longIn(lo, hi int) func(r *rand.Rand) any {
	return func(r *rand.Rand) any { return int64(lo + r.IntN(hi-lo+1)) }
}

// doubleIn draws a value rounded to cents, as money and rates are shown.
func doubleIn(lo, hi float64) func(r *rand.Rand) any {
	return func(r *rand.Rand) any { return math.Round((lo+r.Float64()*(hi-lo))*100) / 100 }
}

func oneOf(vs ...string) func(r *rand.Rand) any {
	return func(r *rand.Rand) any { return vs[r.IntN(len(vs))] }
}

// themes are used in turn; experiments past the last get a number.
var themes = []theme{
	{
		name: "churn-prediction",
		description: "Predict which customers cancel their subscription next month.\n\n" +
			"Metric to watch: **val_accuracy**. The sweep runs tune the learning rate " +
			"and the batch size.",
		dataset: "customers", rows: 7043, target: "churn",
		columns: []column{
			{"tenure_months", "long", longIn(0, 72)},
			{"monthly_charges", "double", doubleIn(18.25, 118.75)},
			{"total_charges", "double", doubleIn(18.8, 8684.8)},
			{"contract", "string", oneOf("Month-to-month", "One year", "Two year")},
			{"payment_method", "string",
				oneOf("Electronic check", "Mailed check", "Bank transfer", "Credit card")},
			{"support_tickets", "long", longIn(0, 9)},
		},
	},
	{
		name: "fraud-detection",
		description: "Flag card transactions that are likely fraudulent.\n\n" +
			"Only 0.2% of transactions are fraud: compare runs on **val_accuracy** " +
			"and **val_loss** together.",
		dataset: "transactions", rows: 284807, target: "is_fraud",
		columns: []column{
			{"amount", "double", doubleIn(0.5, 2500)},
			{"merchant_category", "string",
				oneOf("grocery", "travel", "electronics", "fuel", "online")},
			{"hour", "long", longIn(0, 23)},
			{"country", "string", oneOf("US", "GB", "DE", "FR", "BR", "IN")},
			{"card_present", "long", longIn(0, 1)},
			{"distance_km", "double", doubleIn(0, 900)},
		},
	},
	{
		name: "credit-risk",
		description: "Estimate whether a loan applicant will default.\n\n" +
			"Features come from the application form and the credit bureau.",
		dataset: "loan_applications", rows: 32581, target: "default",
		columns: []column{
			{"income", "double", doubleIn(12000, 250000)},
			{"age", "long", longIn(19, 75)},
			{"loan_amount", "double", doubleIn(500, 35000)},
			{"employment", "string", oneOf("salaried", "self-employed", "unemployed")},
			{"purpose", "string", oneOf("education", "medical", "venture", "home")},
			{"credit_history_months", "long", longIn(6, 360)},
		},
	},
	{
		name:        "lead-scoring",
		description: "Rank sign-ups by how likely they are to become paying customers.",
		dataset:     "signups", rows: 9240, target: "converted",
		columns: []column{
			{"visits", "long", longIn(1, 40)},
			{"pages_per_visit", "double", doubleIn(1, 12)},
			{"source", "string", oneOf("search", "ads", "referral", "social", "direct")},
			{"industry", "string", oneOf("retail", "finance", "health", "software")},
			{"company_size", "long", longIn(1, 5000)},
			{"days_since_signup", "long", longIn(0, 90)},
		},
	},
}

// themeOf returns the theme of experiment e and its name: Options.Names
// when given, else the theme's name, numbered after the first round.
func themeOf(o Options, e int) (theme, string) {
	t := themes[e%len(themes)]
	switch {
	case len(o.Names) > e:
		return t, o.Names[e]
	case e >= len(themes):
		return t, fmt.Sprintf("%s-%d", t.name, e/len(themes)+1)
	}
	return t, t.name
}
