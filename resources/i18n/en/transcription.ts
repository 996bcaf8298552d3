<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>TranscriptView</name>
    <message numerus="yes">
        <source>%n segments</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{found} of %n segments</source>
        <translation>
            <numerusform>{found} of %n segment</numerusform>
            <numerusform>{found} of %n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TranscriptionPanel</name>
    <message numerus="yes">
        <source>Remove %n finished jobs from the queue? Their transcripts are deleted; files you exported are kept.</source>
        <translation>
            <numerusform>Remove %n finished job from the queue? Its transcript is deleted; files you exported are kept.</numerusform>
            <numerusform>Remove %n finished jobs from the queue? Their transcripts are deleted; files you exported are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n done</numerusform>
            <numerusform>%n done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n cancelled</numerusform>
            <numerusform>%n cancelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files queued</source>
        <translation>
            <numerusform>%n file queued</numerusform>
            <numerusform>%n files queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{files} and %n more</source>
        <translation>
            <numerusform>{files} and %n more</numerusform>
            <numerusform>{files} and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n files to {folder}</source>
        <translation>
            <numerusform>Exported %n file to {folder}</numerusform>
            <numerusform>Exported %n files to {folder}</numerusform>
        </translation>
    </message>
</context>
</TS>
