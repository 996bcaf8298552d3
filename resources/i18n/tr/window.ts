<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message>
        <source>Groq Desktop — demo mode</source>
        <translation>Groq Desktop — demo modu</translation>
    </message>
    <message>
        <source>Message the model…</source>
        <translation>Modele mesaj yazın…</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Sohbet</translation>
    </message>
    <message>
        <source>Transcribe</source>
        <translation>Yazıya dök</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modeller</translation>
    </message>
    <message>
        <source>Queue &amp;&amp; limits</source>
        <translation>Kuyruk ve limitler</translation>
    </message>
    <message>
        <source>Bulk</source>
        <translation>Toplu iş</translation>
    </message>
    <message>
        <source>{area} (Ctrl+{number})</source>
        <translation>{area} (Ctrl+{number})</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Başlatılıyor…</translation>
    </message>
    <message>
        <source>Demo mode: the built-in Groq emulator answers</source>
        <translation>Demo modu: yerleşik Groq emülatörü yanıtlıyor</translation>
    </message>
    <message>
        <source>Connected to {url}</source>
        <translation>{url} adresine bağlı</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo mode&lt;/b&gt;: a Groq emulator built into the app answers; nothing is sent to Groq.</source>
        <translation>&lt;b&gt;Demo modu&lt;/b&gt;: uygulamaya yerleşik bir Groq emülatörü yanıtlıyor; Groq'a hiçbir şey gönderilmiyor.</translation>
    </message>
    <message>
        <source>Use my key…</source>
        <translation>Kendi anahtarımı kullan…</translation>
    </message>
    <message>
        <source>Paste your Groq API key (Settings)</source>
        <translation>Groq API anahtarınızı yapıştırın (Ayarlar)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>&amp;Transcribe files…</source>
        <translation>Dosyaları &amp;yazıya dök…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Ayarlar…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Çı&amp;kış</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Sohbet</translation>
    </message>
    <message>
        <source>Export as &amp;Markdown…</source>
        <translation>&amp;Markdown olarak dışa aktar…</translation>
    </message>
    <message>
        <source>Export as &amp;JSON…</source>
        <translation>&amp;JSON olarak dışa aktar…</translation>
    </message>
    <message>
        <source>&amp;New conversation</source>
        <translation>&amp;Yeni sohbet</translation>
    </message>
    <message>
        <source>&amp;Find in conversation</source>
        <translation>Sohbette &amp;bul</translation>
    </message>
    <message>
        <source>&amp;Regenerate last reply</source>
        <translation>Son yanıtı &amp;yeniden oluştur</translation>
    </message>
    <message>
        <source>&amp;Stop the reply</source>
        <translation>Yanıtı &amp;durdur</translation>
    </message>
    <message>
        <source>&amp;Copy last reply</source>
        <translation>Son yanıtı &amp;kopyala</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation>&amp;Kenar çubuğu</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <source>&amp;Welcome and API key…</source>
        <translation>&amp;Hoş geldiniz ve API anahtarı…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Klavye kısayolları</translation>
    </message>
    <message>
        <source>&amp;About Groq Desktop</source>
        <translation>Groq Desktop &amp;hakkında</translation>
    </message>
</context>
</TS>
