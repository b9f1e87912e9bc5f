# nexus-costs: thin targets over Maven and the JAR.
JAR := target/nexus-costs.jar
JAVA_FLAGS := -Dchronicle.analytics.disable=true
ARGS ?=

.PHONY: help build run test replay bench clean

help: ## Show the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

build: ## Build the executable JAR (tests skipped)
	mvn -q -DskipTests package

$(JAR): pom.xml $(shell find src/main sql -type f)
	mvn -q -DskipTests package

run: $(JAR) ## Build and start the service (embedded PostgreSQL unless NEXUS_DB_URL is set)
	java $(JAVA_FLAGS) -jar $(JAR)

test: ## Run every test against a real PostgreSQL
	mvn -B test

replay: $(JAR) ## Replay the Azure LLM trace against the running service (flags in ARGS)
	java $(JAVA_FLAGS) -jar $(JAR) replay $(ARGS)

bench: ## Run the JMH benchmarks of the hot path
	mvn -q -DskipTests test-compile
	java $(JAVA_FLAGS) $$(mvn -q help:evaluate -Dexpression=chronicle.jvmArgs -DforceStdout) \
		-cp target/test-classes:$$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
		org.openjdk.jmh.Main $(ARGS)

clean: ## Remove build output (keeps ./data)
	mvn -q clean
