<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChatPanel</name>
    <message numerus="yes">
        <source>{title}  ·  %n messages</source>
        <translation>
            <numerusform>{title}  ·  %n message</numerusform>
            <numerusform>{title}  ·  %n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued behind %n request(s)</source>
        <translation>
            <numerusform>Queued behind %n request</numerusform>
            <numerusform>Queued behind %n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Editing a message: sending replaces it and deletes the %n message(s) after it.</source>
        <translation>
            <numerusform>Editing a message: sending replaces it and deletes the %n message after it.</numerusform>
            <numerusform>Editing a message: sending replaces it and deletes the %n messages after it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest turn(s) are left out of what is sent.</source>
        <translation>
            <numerusform>The oldest turn is left out of what is sent.</numerusform>
            <numerusform>The %n oldest turns are left out of what is sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n oldest turn(s) are left out of what is sent: it fits now.</source>
        <translation>
            <numerusform>The oldest turn is left out of what is sent: it fits now.</numerusform>
            <numerusform>The %n oldest turns are left out of what is sent: it fits now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n message(s) are left out of what is sent.</source>
        <translation>
            <numerusform>The first message is left out of what is sent.</numerusform>
            <numerusform>The first %n messages are left out of what is sent.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message numerus="yes">
        <source>%n tool call(s) (${cost} reported)</source>
        <translation>
            <numerusform>%n tool call (${cost} reported)</numerusform>
            <numerusform>%n tool calls (${cost} reported)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tool call(s)</source>
        <translation>
            <numerusform>%n tool call</numerusform>
            <numerusform>%n tool calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tool_activity</name>
    <message numerus="yes">
        <source>Web search · %n source(s)</source>
        <translation>
            <numerusform>Web search · %n source</numerusform>
            <numerusform>Web search · %n sources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Python runs · %n</source>
        <translation>
            <numerusform>Python runs · %n</numerusform>
            <numerusform>Python runs · %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other tool call(s)</source>
        <translation>
            <numerusform>%n other tool call</numerusform>
            <numerusform>%n other tool calls</numerusform>
        </translation>
    </message>
</context>
</TS>
