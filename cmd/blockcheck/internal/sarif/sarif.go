// Package sarif writes blockcheck's findings as a SARIF 2.1.0 log, the
// format GitHub code scanning and other result viewers read.
//
// The model below is the subset of SARIF 2.1.0 that blockcheck fills in;
// field names and JSON keys follow the specification (OASIS SARIF 2.1.0,
// errata 01). A Builder turns analysis diagnostics into a Log:
//
//   - one reportingDescriptor per rule of the rule table (package rules):
//     id and name are the rule ID, shortDescription the title,
//     fullDescription the summary, help the summary, why and fix in
//     Markdown, helpUri the rule's documentation page;
//   - one result per diagnostic, with its rule ID and index, level
//     "warning", the message blockcheck prints, one location with a
//     start and end region, relatedLocations for Diagnostic.Related (the
//     call chain), and the suggested fixes as SARIF fixes;
//   - artifact URIs relative to the source root (by default the main
//     module's directory) under the uriBaseId %SRCROOT%, whose absolute
//     location is recorded in originalUriBaseIds; a file outside the root
//     gets an absolute file: URI and no base id.
//
// Columns: go/token columns count bytes, SARIF columns count characters
// of a kind named by run.columnKind, which has no byte option. The log
// declares "utf16CodeUnits" (SARIF's default, what GitHub and VS Code use)
// and the Builder converts each column by reading the line it is on; on an
// ASCII line both counts agree. Lines and columns are 1-based, and
// endColumn is the column just past the region, as in go/token.
package sarif

// Version and Schema identify the format written.
const (
	Version = "2.1.0"
	Schema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)

// SrcRoot is the uriBaseId of artifact URIs relative to the source root.
const SrcRoot = "%SRCROOT%"

// ColumnKind is the unit of the columns in the log.
const ColumnKind = "utf16CodeUnits"

// Log is a SARIF log file.
type Log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []Run  `json:"runs"`
}

// Run is one run of the tool.
type Run struct {
	Tool               Tool                        `json:"tool"`
	Invocations        []Invocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]ArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	// Results is present, possibly empty: an empty array says "clean".
	Results []Result `json:"results"`
}

// Tool describes the analysis tool.
type Tool struct {
	Driver ToolComponent `json:"driver"`
}

// ToolComponent is the tool itself with its rules.
type ToolComponent struct {
	Name           string                `json:"name"`
	Version        string                `json:"version,omitempty"`
	InformationURI string                `json:"informationUri,omitempty"`
	Rules          []ReportingDescriptor `json:"rules"`
}

// ReportingDescriptor describes one rule.
type ReportingDescriptor struct {
	ID                   string                  `json:"id"`
	Name                 string                  `json:"name,omitempty"`
	ShortDescription     *Message                `json:"shortDescription,omitempty"`
	FullDescription      *Message                `json:"fullDescription,omitempty"`
	Help                 *Message                `json:"help,omitempty"`
	HelpURI              string                  `json:"helpUri,omitempty"`
	DefaultConfiguration *ReportingConfiguration `json:"defaultConfiguration,omitempty"`
	Properties           *Properties             `json:"properties,omitempty"`
}

// ReportingConfiguration is a rule's default configuration.
type ReportingConfiguration struct {
	Enabled bool   `json:"enabled"`
	Level   string `json:"level"`
}

// Properties is a property bag; tags are shown as labels by GitHub.
type Properties struct {
	Tags      []string `json:"tags,omitempty"`
	Precision string   `json:"precision,omitempty"`
}

// Message is a message or multiformat message string: plain text, and
// optionally Markdown.
type Message struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// Result is one finding.
type Result struct {
	RuleID           string     `json:"ruleId"`
	RuleIndex        int        `json:"ruleIndex"`
	Level            string     `json:"level"`
	Message          Message    `json:"message"`
	Locations        []Location `json:"locations"`
	RelatedLocations []Location `json:"relatedLocations,omitempty"`
	Fixes            []Fix      `json:"fixes,omitempty"`
}

// Location is a place in a file, with an optional message.
type Location struct {
	// ID distinguishes the location within its result; 0 means unset
	// (IDs given here start at 1).
	ID               int              `json:"id,omitempty"`
	PhysicalLocation PhysicalLocation `json:"physicalLocation"`
	Message          *Message         `json:"message,omitempty"`
}

// PhysicalLocation is a region of an artifact.
type PhysicalLocation struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Region           *Region          `json:"region,omitempty"`
}

// ArtifactLocation names a file: a URI relative to URIBaseID, or absolute.
type ArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// Region is a text region: 1-based lines and columns (see ColumnKind);
// EndColumn is the column just past the region. Zero fields are omitted
// (SARIF defaults: the end line is the start line).
type Region struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// Fix is a suggested fix: edits to one or more files.
type Fix struct {
	Description     *Message         `json:"description,omitempty"`
	ArtifactChanges []ArtifactChange `json:"artifactChanges"`
}

// ArtifactChange is the edits of a fix in one file.
type ArtifactChange struct {
	ArtifactLocation ArtifactLocation `json:"artifactLocation"`
	Replacements     []Replacement    `json:"replacements"`
}

// Replacement deletes a region and inserts text in its place; an empty
// region (end = start) is an insertion.
type Replacement struct {
	DeletedRegion   Region           `json:"deletedRegion"`
	InsertedContent *ArtifactContent `json:"insertedContent,omitempty"`
}

// ArtifactContent is inserted text.
type ArtifactContent struct {
	Text string `json:"text"`
}

// Invocation records how the run went.
type Invocation struct {
	ExecutionSuccessful        bool           `json:"executionSuccessful"`
	ToolExecutionNotifications []Notification `json:"toolExecutionNotifications,omitempty"`
}

// Notification is an error met during the run (a package that does not
// build, an analysis that failed).
type Notification struct {
	Level   string  `json:"level"`
	Message Message `json:"message"`
}
